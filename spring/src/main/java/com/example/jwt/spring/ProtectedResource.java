package com.example.jwt.spring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two endpoints: {@code /health}, open, and {@code /protected}, which answers with the verified claims. Spring
 * Security has verified the token before {@link #protectedResource} runs.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-1.
 */
@RestController
class ProtectedResource {
    record Health(String status) {}

    record Granted(String message, String subject, Map<String, Object> claims) {}

    @GetMapping("/health")
    Health health() {
        return new Health("UP");
    }

    @GetMapping("/protected")
    Granted protectedResource(@AuthenticationPrincipal Jwt jwt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        // Spring turns iat/exp/nbf into Instants; show them as they were sent, in seconds
        jwt.getClaims()
                .forEach((name, value) -> claims.put(name, value instanceof Instant t ? t.getEpochSecond() : value));
        return new Granted("Access granted", jwt.getSubject(), claims);
    }
}
