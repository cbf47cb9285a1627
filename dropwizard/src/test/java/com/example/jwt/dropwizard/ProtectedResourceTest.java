package com.example.jwt.dropwizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.auth.Auth;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.test.grizzly.GrizzlyWebTestContainerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How to test protected resources of your own, as Dropwizard's manual does: {@link ResourceExtension} with the app's
 * bearer filter, authorizer and error answers, and a stub {@link Authenticator} instead of jose4j and an issuer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProtectedResourceTest {
    /** The stub: a token is the name of a caller, with these claims. */
    private static final Map<String, Map<String, Object>> CALLERS = Map.of(
            "alice", Map.of("sub", "alice", "scope", "orders:read orders:write"),
            "bob", Map.of("sub", "bob", "scope", "profile"));

    private static final Authenticator<String, JwtAuth.Caller> STUB =
            token -> Optional.ofNullable(CALLERS.get(token)).map(claims -> new JwtAuth.Caller(token, claims));

    /** A resource of your own: a role is a scope of the token. */
    @Path("/orders")
    public static class OrdersResource {
        @GET
        @RolesAllowed("orders:write")
        public String orders(@Auth JwtAuth.Caller caller) {
            return "{\"orders\":[],\"for\":\"" + caller.getName() + "\"}";
        }
    }

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .setTestContainerFactory(new GrizzlyWebTestContainerFactory()) // a servlet container, as in the manual
            .addProvider(new AuthDynamicFeature(new BearerAuthFilter.Builder(HttpHeaders.AUTHORIZATION)
                    .setAuthenticator(STUB)
                    .setAuthorizer(new ScopeAuthorizer())
                    .buildAuthFilter()))
            .addProvider(new AuthValueFactoryProvider.Binder<>(JwtAuth.Caller.class))
            .addProvider(RolesAllowedDynamicFeature.class)
            .addProvider(new ScopeAuthorizer.Forbidden())
            .addProvider(new JsonErrors())
            .addResource(new ProtectedResource("orders:read")) // JWT_REQUIRED_SCOPE=orders:read
            .addResource(new OrdersResource())
            .build();

    @Test
    void aValidCredentialGetsTheCallersClaims() {
        Response response = get("/protected", "alice");
        assertEquals(200, response.getStatus());
        String body = response.readEntity(String.class);
        assertTrue(body.contains("\"subject\":\"alice\"") && body.contains("orders:read"), body);
    }

    @Test
    void noCredentialOrAnInvalidOneIsUnauthorized() {
        Response none = get("/protected", null);
        assertEquals(401, none.getStatus());
        assertEquals("Bearer", none.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        Response invalid = get("/protected", "mallory");
        assertEquals(401, invalid.getStatus());
        assertTrue(invalid.getHeaderString(HttpHeaders.WWW_AUTHENTICATE).contains("error=\"invalid_token\""));
    }

    @Test
    void aCallerWithoutTheRequiredScopeIsForbidden() {
        Response response = get("/protected", "bob");
        assertEquals(403, response.getStatus());
        assertEquals(
                "Bearer error=\"insufficient_scope\", scope=\"orders:read\"",
                response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void rolesAllowedAsksTheTokensScopes() {
        assertEquals(200, get("/orders", "alice").getStatus());
        Response response = get("/orders", "bob");
        assertEquals(403, response.getStatus());
        assertEquals(
                "Bearer error=\"insufficient_scope\", scope=\"orders:write\"",
                response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertEquals(
                "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks the required "
                        + "scope\"}",
                response.readEntity(String.class));
    }

    private static Response get(String path, String token) {
        Invocation.Builder request = RESOURCES.target(path).request();
        return (token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).get();
    }
}
