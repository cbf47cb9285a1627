package com.example.jwt.spring;

import com.example.jwt.nimbus.BearerToken;
import com.example.jwt.nimbus.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The JWT check, Spring Security's way: a stateless {@link SecurityFilterChain} that is an OAuth 2.0 resource server
 * with {@code jwt()}: {@code /health} open, everything else authenticated, and JWT_REQUIRED_SCOPE as a
 * {@code SCOPE_} authority (Spring makes {@code scope} and {@code scp} into such authorities). The decoder it uses is
 * {@link JwtDecoderConfiguration}'s (the module's verifier); where Spring's defaults fall short, it plugs in the
 * module's {@link BearerToken} as the token resolver and {@link BearerErrorHandler} for the answers.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-6, BRR-1..BRR-4, GW-2, GW-3, JWKS-4.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtSettings.class)
@Import(JwtDecoderConfiguration.class)
class JwtAuth {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtSettings settings) throws Exception {
        BearerErrorHandler errors = new BearerErrorHandler(settings);
        return http.authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/health").permitAll();
                    if (settings.requiredScope() != null) {
                        authorize.anyRequest().hasAuthority("SCOPE_" + settings.requiredScope());
                    } else {
                        authorize.anyRequest().authenticated();
                    }
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no browser session: nothing to forge
                .requestCache(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults()) // the JwtDecoder bean, Spring's JwtAuthenticationConverter
                        .bearerTokenResolver(request -> bearerToken(request, settings.header()))
                        // the answers to a token that fails (400, 401; 503 during an outage) and, as the chain's
                        // only handlers, to a request without a token (401) or without the scope (403)
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(errors)) // a JWKS outage reaches the entry point: 503, not 500
                .build();
    }

    /**
     * The token from one {@code Authorization: Bearer} (or JWT_HEADER), by the module's {@link BearerToken}; none for
     * another scheme (401 without an error), 400 for a malformed or repeated header. It replaces Spring's
     * {@code DefaultBearerTokenResolver}, which takes "Bearertoken" (no space) for a malformed token and reads the
     * first of two Authorization headers. Like Spring's, it never reads {@code ?access_token=}.
     */
    private static String bearerToken(HttpServletRequest request, String header) {
        try {
            return BearerToken.from(header, Collections.list(request.getHeaders(header)));
        } catch (Rejection rejection) {
            if (rejection.status() == 401) {
                return null; // no credentials
            }
            throw new BearerErrorHandler.Rejected(rejection);
        }
    }
}
