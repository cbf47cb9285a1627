package com.example.jwt.micronaut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.issuer.MockIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How to test a protected route of your own, Micronaut's way: {@code @MicronautTest} starts the app with the
 * properties this class provides ({@link TestPropertyProvider}), and Micronaut's HTTP client calls it. The mock issuer
 * of shared-tests stands in for the identity provider: it serves the keys and signs the tokens.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectedResourceTest implements TestPropertyProvider {
    private MockIssuer issuer;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            issuer = MockIssuer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the properties Micronaut reads from JWT_ISSUER, JWT_AUDIENCE, JWT_REQUIRED_SCOPE and PORT
        return Map.of(
                "jwt.issuer",
                issuer.issuer(),
                "jwt.audience",
                MockIssuer.AUDIENCE,
                "jwt.required-scope",
                "orders:read",
                "port",
                "0");
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void aTokenWithTheScopeGetsTheResource() {
        String token =
                issuer.token("RS256").claim("scope", "orders:read profile").compact();
        HttpResponse<String> response =
                client.toBlocking().exchange(HttpRequest.GET("/protected").bearerAuth(token), String.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertTrue(response.body().contains("\"message\":\"Access granted\""), response.body());
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() {
        String token = issuer.token("EdDSA").claim("scope", "profile").compact();
        HttpClientResponseException refused = assertThrows(
                HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/protected").bearerAuth(token)));
        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        assertTrue(refused.getResponse().header("WWW-Authenticate").contains("insufficient_scope"));
    }

    @Test
    void noTokenIsUnauthorized() {
        HttpClientResponseException refused = assertThrows(
                HttpClientResponseException.class, () -> client.toBlocking().exchange(HttpRequest.GET("/protected")));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals("Bearer", refused.getResponse().header("WWW-Authenticate"));
    }
}
