package com.example.jwt.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.jwt.issuer.MockIssuer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What the decoder adds to the module's verifier (whose own tests are in nimbus-hardening): the verified claims as
 * Spring's {@link Jwt} has them, only the strings of a scope array, {@code iss} as sent, and each refusal as the
 * exception Spring Security answers: {@link BadJwtException} for 401, {@link BearerErrorHandler.KeysUnavailable} for
 * 503.
 */
class JwtDecoderConfigurationTest {
    private MockIssuer issuer;

    @BeforeEach
    void start() throws IOException {
        issuer = MockIssuer.start();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void aVerifiedTokenIsSpringsJwt() {
        String token =
                issuer.token("RS256").claim("scp", List.of(1, "a", List.of())).compact();
        Jwt jwt = decoder().decode(token);
        assertEquals(List.of("a"), jwt.getClaims().get("scp")); // Spring's authorities converter casts each to String
        assertEquals(issuer.issuer(), jwt.getClaims().get("iss")); // as sent, not rewritten through java.net.URL
        assertInstanceOf(Instant.class, jwt.getClaims().get("exp"));
        assertEquals(List.of(MockIssuer.AUDIENCE), jwt.getAudience());
        assertEquals("RS256", jwt.getHeaders().get("alg"));
    }

    @Test
    void anInvalidTokenIsABadJwtAndAnOutageIsKeysUnavailable() {
        JwtDecoder decoder = decoder();
        assertThrows(
                BadJwtException.class,
                () -> decoder.decode(issuer.token("RS256")
                        .claim("exp", Instant.now().getEpochSecond() - 3600)
                        .compact()));
        String token = issuer.token("RS256").compact();
        issuer.close(); // a new decoder cannot fetch the JWKS: no keys
        assertThrows(BearerErrorHandler.KeysUnavailable.class, () -> decoder().decode(token));
    }

    private JwtDecoder decoder() {
        OAuth2ResourceServerProperties properties = new OAuth2ResourceServerProperties();
        properties.getJwt().setJwsAlgorithms(List.of("RS256"));
        properties.getJwt().setAudiences(List.of(MockIssuer.AUDIENCE));
        JwtSettings settings = new JwtSettings(
                List.of(issuer.issuer()),
                Duration.ofSeconds(60),
                Duration.ofSeconds(300),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                null,
                null,
                null);
        JwtDecoderConfiguration configuration = new JwtDecoderConfiguration();
        return configuration.jwtDecoder(configuration.tokenVerifier(properties, settings));
    }
}
