package com.example.jwt.spring;

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
 * {@link JwtDecoderConfiguration}'s; where Spring's defaults fall short, the piece it plugs in is a class of its own:
 * {@link HeaderBearerTokenResolver} and {@link BearerErrorHandler}.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-6, GW-3, JWKS-4.
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
                        .bearerTokenResolver(new HeaderBearerTokenResolver(settings.header()))
                        // the answers to a token that fails (400, 401; 503 during an outage) and, as the chain's
                        // only handlers, to a request without a token (401) or without the scope (403)
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(errors)) // a JWKS outage reaches the entry point: 503, not 500
                .build();
    }
}
