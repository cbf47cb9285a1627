package com.example.jwt.spring;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The JWT configuration, Spring's way: a stateless {@link SecurityFilterChain} that is an OAuth 2.0 resource server
 * with {@code jwt()}, and the {@link JwtDecoder} it uses, built from Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties and {@link JwtSettings}. Where the contract asks more
 * than Spring's defaults give, the piece is a file of its own, named for what it does and for the requirements it
 * exists for: {@link BearerToken}, {@link BearerAnswers}, {@link TokenChecks}, {@link JwksKeys}, {@link JwksFetch},
 * {@link SignatureVerifiers}. {@link FastSignatures} is there for speed only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtSettings.class)
class JwtAuth {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtSettings settings) throws Exception {
        BearerAnswers answers = new BearerAnswers(settings);
        return http.authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/health").permitAll();
                    if (settings.requiredScope() != null) { // scope and scp become SCOPE_ authorities
                        authorize.anyRequest().hasAuthority("SCOPE_" + settings.requiredScope());
                    } else {
                        authorize.anyRequest().authenticated();
                    }
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)) // ANS-6
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no browser session: nothing to forge
                .requestCache(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults()) // the decoder below, Spring's JwtAuthenticationConverter
                        .bearerTokenResolver(new BearerToken(settings.header()))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers)
                        .withObjectPostProcessor(answers)) // a JWKS outage reaches the entry point: 503, not 500
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .build();
    }

    /**
     * GW-1, CLM-1..CLM-4: one decoder for every trusted issuer, which parses each token once (Spring Security's
     * multi-tenancy reference, "Parsing the Claim Only Once"): the iss of the parsed claims picks that issuer's keys,
     * and an unlisted issuer gets none, before anything is fetched. Being a bean, it also keeps Boot's own decoder (and
     * its discovery fetch from issuer-uri) away.
     */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, JwtSettings settings) {
        OAuth2ResourceServerProperties.Jwt boot = properties.getJwt();
        Map<String, URL> jwksUris = JwtSettings.jwksUris(boot);
        Set<String> algorithms = JwtSettings.algorithms(boot);
        SignatureVerifiers verifiers = new FastSignatures(); // without FastSignatures.java: new SignatureVerifiers()
        Map<String, JwksKeys> keysByIssuer = new LinkedHashMap<>();
        jwksUris.forEach((issuer, jwksUri) ->
                keysByIssuer.put(issuer, new JwksKeys(new JwksFetch(jwksUri, settings), algorithms, verifiers)));

        TokenChecks processor = new TokenChecks();
        processor.setJWTClaimsSetAwareJWSKeySelector((header, claims, context) -> {
            JwksKeys keys = keysByIssuer.get(claims.getIssuer());
            return keys == null ? List.of() : keys.selectJWSKeys(header, context);
        });
        processor.setJWSVerifierFactory(verifiers);
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);

        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // CLM-2: allowed by default, so a token without exp never expires
        List<OAuth2TokenValidator<Jwt>> validators =
                new ArrayList<>(List.of(timestamps, new JwtClaimValidator<>("iss", keysByIssuer::containsKey)));
        List<String> audiences = JwtSettings.audiences(boot);
        if (!audiences.isEmpty()) { // as Boot's own decoder checks its audiences property
            validators.add(new JwtClaimValidator<List<String>>(
                    "aud", aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // Spring's claim conversion rewrites iss through java.net.URL (HTTP://idp becomes http://idp): keep it as sent
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of("iss", iss -> iss)));
        return decoder;
    }
}
