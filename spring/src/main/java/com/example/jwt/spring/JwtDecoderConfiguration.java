package com.example.jwt.spring;

import com.example.jwt.nimbus.FastSignatures;
import com.example.jwt.nimbus.Rejection;
import com.example.jwt.nimbus.TokenVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Collection;
import java.util.Map;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * The {@link JwtDecoder} that {@link JwtAuth}'s resource server uses: Spring Security's documented way to bring a
 * decoder of one's own is this bean. It verifies with the module's {@link TokenVerifier} (nimbus-hardening), built
 * from Boot's {@code spring.security.oauth2.resourceserver.jwt.*} properties and {@link JwtSettings}, and converts the
 * verified claims as Spring's {@code NimbusJwtDecoder} does ({@code exp}, {@code iat}, {@code nbf} as instants,
 * {@code aud} as a list), so that the {@link Jwt}, its {@code SCOPE_} authorities and
 * {@code @AuthenticationPrincipal} are Spring's own. Being a bean, it also keeps Boot's own decoder (and its discovery
 * fetch from issuer-uri) away. It replaces {@code NimbusJwtDecoder.withIssuerLocation} / {@code withJwkSetUri}: see
 * the module's README for what each of its defaults gets wrong.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: through the module, every requirement of the token and of the JWKS; JWKS-4 (503) with
 * {@link BearerErrorHandler}.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {

    @Bean
    TokenVerifier tokenVerifier(OAuth2ResourceServerProperties properties, JwtSettings settings) {
        // FastSignatures: speed only; without it: new TokenVerifier(settings.verifier(properties.getJwt()))
        return new TokenVerifier(settings.verifier(properties.getJwt()), new FastSignatures());
    }

    @Bean
    JwtDecoder jwtDecoder(TokenVerifier verifier) {
        // iss as sent: Spring's conversion rewrites it through java.net.URL (HTTP://idp becomes http://idp). Scopes:
        // the strings of a scope or scp array, since Spring's authorities converter casts every element to a String.
        MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter.withDefaults(Map.of(
                "iss", iss -> iss,
                "scope", JwtDecoderConfiguration::onlyStrings,
                "scp", JwtDecoderConfiguration::onlyStrings));
        return token -> {
            Map<String, Object> verified;
            try {
                verified = verifier.verify(token);
            } catch (Rejection rejection) {
                throw rejection.status() == 503
                        ? new BearerErrorHandler.KeysUnavailable()
                        : new BadJwtException("The access token is invalid");
            }
            try {
                Map<String, Object> header =
                        JSONObjectUtils.parse(new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString());
                return Jwt.withTokenValue(token)
                        .headers(h -> h.putAll(header))
                        .claims(c -> c.putAll(claims.convert(verified)))
                        .build();
            } catch (java.text.ParseException | RuntimeException e) { // a claim Spring cannot convert: never a 500
                throw new BadJwtException("The access token is invalid");
            }
        };
    }

    private static Object onlyStrings(Object claim) {
        return claim instanceof Collection<?> values
                ? values.stream().filter(String.class::isInstance).toList()
                : claim;
    }
}
