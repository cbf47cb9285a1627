package com.example.jwt.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.issuer.MockIssuer;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * How to test a protected route of your own: Helidon's {@code @ServerTest} starts the server in-process with
 * {@link Main#routing}, and the mock issuer of shared-tests stands in for the identity provider.
 */
@ServerTest
class ProtectedResourceTest {
    private static final MockIssuer ISSUER = startIssuer();
    private final Http1Client client;

    ProtectedResourceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(
                routing,
                JwtSettings.from(Main.config(Map.of(
                        "JWT_ISSUER",
                        ISSUER.issuer(),
                        "JWT_JWKS_URI",
                        ISSUER.jwksUri().toString(),
                        "JWT_AUDIENCE",
                        MockIssuer.AUDIENCE,
                        "JWT_REQUIRED_SCOPE",
                        "orders:read"))));
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void aTokenWithTheScopeGetsTheResource() {
        try (Http1ClientResponse response =
                get(ISSUER.token("RS256").claim("scope", "orders:read profile").compact())) {
            assertEquals(Status.OK_200, response.status());
            assertTrue(response.as(String.class).contains("\"message\":\"Access granted\""));
        }
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() {
        try (Http1ClientResponse response =
                get(ISSUER.token("RS256").claim("scope", "profile").compact())) {
            assertEquals(Status.FORBIDDEN_403, response.status());
            assertTrue(
                    response.headers().get(HeaderNames.WWW_AUTHENTICATE).get().contains("insufficient_scope"));
        }
    }

    @Test
    void noTokenIsUnauthorized() {
        try (Http1ClientResponse response = client.get("/protected").request()) {
            assertEquals(Status.UNAUTHORIZED_401, response.status());
        }
    }

    private Http1ClientResponse get(String token) {
        return client.get("/protected")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token)
                .request();
    }

    private static MockIssuer startIssuer() {
        try {
            return MockIssuer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
