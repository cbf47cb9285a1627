package com.example.jwt.documented;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's documented default, for the ledger (test sources only, never shipped): a resource server as
 * https://docs.spring.io/spring-security/reference/servlet/oauth2/resource-server/jwt.html shows it, Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties and {@code oauth2ResourceServer(o -> o.jwt(...))}
 * with {@code Customizer.withDefaults()}. The variables fill in only the properties Boot has.
 */
@SpringBootApplication
@RestController
public class DocumentedDefault {
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2.jwt(Customizer.withDefaults()))
                .build();
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping("/protected")
    Map<String, Object> protectedResource(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("message", "Access granted", "subject", jwt.getSubject(), "claims", jwt.getClaims());
    }

    static ConfigurableApplicationContext start(Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>(Map.of("spring.config.name", "documented-default"));
        Map.of(
                        "HOST",
                        "server.address",
                        "PORT",
                        "server.port",
                        "JWT_ISSUER",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        "JWT_JWKS_URI",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "JWT_AUDIENCE",
                        "spring.security.oauth2.resourceserver.jwt.audiences",
                        "JWT_ALGORITHMS",
                        "spring.security.oauth2.resourceserver.jwt.jws-algorithms")
                .forEach((variable, property) -> {
                    if (env.get(variable) != null) {
                        properties.put(property, env.get(variable));
                    }
                });
        SpringApplication app = new SpringApplication(DocumentedDefault.class);
        app.setDefaultProperties(properties); // and no application.yaml: spring.config.name names none
        return app.run();
    }
}
