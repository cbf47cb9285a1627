package com.example.jwt.spring;

import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The {@link JwtDecoder} that {@link JwtAuth}'s resource server uses, assembled from Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties and {@link JwtSettings}: one decoder for every trusted
 * issuer that parses each token once (Spring Security's multi-tenancy reference, "Parsing the Claim Only Once"). The
 * {@code iss} of the parsed claims picks that issuer's {@link JwksKeySelector}; an unlisted issuer gets no key, before
 * anything is fetched. Being a bean, it also keeps Boot's own decoder (and its discovery fetch from issuer-uri) away.
 *
 * <p>Around Spring's {@code NimbusJwtDecoder}: a token whose header or payload nests JSON more than
 * {@value #MAX_JSON_DEPTH} deep is refused before any parser sees it, and whatever decoding a validly signed token
 * throws, an {@link Error} such as {@link StackOverflowError} included, is a 401 (by default an Error is a 500).
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: GW-1, CLM-1..CLM-4, TOK-4, ANS-5.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {
    /** How deep a token's header or payload may nest objects and arrays; real tokens nest 2 or 3 deep. */
    static final int MAX_JSON_DEPTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(JwtDecoderConfiguration.class);

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, JwtSettings settings) {
        OAuth2ResourceServerProperties.Jwt boot = properties.getJwt();
        Map<String, URL> jwksUris = JwtSettings.jwksUris(boot);
        Set<String> algorithms = JwtSettings.algorithms(boot);
        // FastSignatures: speed only; without it: new JwsVerifierFactory()
        JwsVerifierFactory verifiers = new FastSignatures();
        Map<String, JwksKeySelector> keysByIssuer = new LinkedHashMap<>();
        jwksUris.forEach((issuer, jwksUri) -> keysByIssuer.put(
                issuer, new JwksKeySelector(new JwksRetriever(jwksUri, settings), algorithms, verifiers)));

        JwtProcessor processor = new JwtProcessor();
        processor.setJWTClaimsSetAwareJWSKeySelector((header, claims, context) -> {
            JwksKeySelector keys = keysByIssuer.get(claims.getIssuer());
            return keys == null ? List.of() : keys.selectJWSKeys(header, context);
        });
        processor.setJWSVerifierFactory(verifiers);
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);

        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkewSeconds());
        timestamps.setAllowEmptyExpiryClaim(false); // by default a token without exp never expires
        List<OAuth2TokenValidator<Jwt>> validators =
                new ArrayList<>(List.of(timestamps, new JwtClaimValidator<>("iss", keysByIssuer::containsKey)));
        List<String> audiences = JwtSettings.audiences(boot, settings);
        if (audiences.isEmpty()) { // JWT_ALLOW_ANY_AUDIENCE=true
            LOG.warn(JwtSettings.ANY_AUDIENCE_WARNING);
        } else { // as Boot's own decoder checks its audiences property
            validators.add(new JwtClaimValidator<List<String>>(
                    "aud", aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // iss as sent: Spring's conversion rewrites it through java.net.URL (HTTP://idp becomes http://idp). Scopes:
        // the
        // strings of a scope or scp array, since Spring's authorities converter casts every element to a String.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(
                "iss", iss -> iss,
                "scope", JwtDecoderConfiguration::onlyStrings,
                "scp", JwtDecoderConfiguration::onlyStrings)));
        return token -> {
            if (!shallowJson(token)) {
                throw new BadJwtException("The token nests JSON too deep");
            }
            try {
                return decoder.decode(token);
            } catch (JwtException e) {
                throw e;
            } catch (RuntimeException | Error e) { // hostile input is never a 500
                throw new BadJwtException("The token could not be processed", e);
            }
        };
    }

    private static Object onlyStrings(Object claim) {
        return claim instanceof Collection<?> values
                ? values.stream().filter(String.class::isInstance).toList()
                : claim;
    }

    /** Whether the header and the payload nest objects and arrays at most {@value #MAX_JSON_DEPTH} deep. */
    static boolean shallowJson(String token) {
        String[] parts = token.split("\\.", -1);
        for (int p = 0; p < Math.min(2, parts.length); p++) {
            byte[] json;
            try {
                json = Base64.getUrlDecoder().decode(parts[p]);
            } catch (IllegalArgumentException e) {
                return true; // not base64url: Nimbus refuses it
            }
            int depth = 0;
            boolean inString = false;
            for (int i = 0; i < json.length; i++) {
                byte b = json[i];
                if (inString) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if ((b == '{' || b == '[') && ++depth > MAX_JSON_DEPTH) {
                    return false;
                } else if (b == '}' || b == ']') {
                    depth--;
                }
            }
        }
        return true;
    }
}
