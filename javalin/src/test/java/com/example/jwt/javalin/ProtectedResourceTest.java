package com.example.jwt.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.issuer.MockIssuer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How to test a protected route of your own: the app from {@link Main#app} on a free port, and the mock issuer of
 * shared-tests in place of the identity provider. (Javalin's {@code JavalinTest} starts and stops an app the same
 * way; its {@code javalin-testtools} artifact is not in this project's registry.)
 */
class ProtectedResourceTest {
    private static MockIssuer issuer;
    private static Javalin app;

    @BeforeAll
    static void start() throws Exception {
        issuer = MockIssuer.start();
        app = Main.app(JwtSettings.from(Map.of(
                        "HOST",
                        "127.0.0.1",
                        "PORT",
                        "0",
                        "JWT_ISSUER",
                        issuer.issuer(),
                        "JWT_JWKS_URI",
                        issuer.jwksUri().toString(),
                        "JWT_AUDIENCE",
                        MockIssuer.AUDIENCE,
                        "JWT_REQUIRED_SCOPE",
                        "orders:read")))
                .start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        issuer.close();
    }

    @Test
    void aTokenWithTheScopeGetsTheResource() throws Exception {
        HttpResponse<String> response =
                get(issuer.token("RS256").claim("scope", "orders:read profile").compact());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"message\":\"Access granted\""), response.body());
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() throws Exception {
        HttpResponse<String> response =
                get(issuer.token("RS256").claim("scope", "profile").compact());
        assertEquals(403, response.statusCode());
        assertTrue(
                response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
    }

    @Test
    void noTokenIsUnauthorized() throws Exception {
        assertEquals(401, get(null).statusCode());
    }

    private static HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/protected"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
