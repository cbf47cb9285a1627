package com.example.jwt.documented;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * SmallRye JWT's documented default, for the ledger (test sources only, never shipped): a resource as Quarkus's
 * "Using JWT RBAC" guide (https://quarkus.io/guides/security-jwt) writes it, with the {@code JsonWebToken} injected and
 * {@code @Authenticated} on the protected method, and the guide's properties ({@code mp.jwt.verify.publickey.location},
 * {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}) filled in from the variables in
 * {@code documented/application.properties}. {@link DocumentedDefaultTest} builds it into an app of its own, without
 * the app's classes, so that none of the app's replacements take part.
 */
@Path("/")
@UnlessBuildProfile("test") // not part of the app that ProtectedResourceTest starts
public class DocumentedDefault {
    @Inject
    JsonWebToken jwt;

    @GET
    @Path("health")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }

    @GET
    @Path("protected")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public String protectedResource() {
        JsonObjectBuilder claims = Json.createObjectBuilder();
        for (String name : jwt.getClaimNames()) {
            if (!name.equals(Claims.raw_token.name())) {
                claims.add(name, json(jwt.getClaim(name)));
            }
        }
        return Json.createObjectBuilder()
                .add("message", "Access granted")
                .add("subject", json(jwt.getClaim(Claims.sub.name())))
                .add("claims", claims)
                .build()
                .toString();
    }

    /** A claim as JSON: SmallRye JWT gives JSON-P values, strings, numbers and sets. */
    private static JsonValue json(Object value) {
        return switch (value) {
            case null -> JsonValue.NULL;
            case JsonValue v -> v;
            case String s -> Json.createValue(s);
            case Number n -> Json.createValue(n.longValue());
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case Collection<?> c ->
                Json.createArrayBuilder(c.stream().map(String::valueOf).toList())
                        .build();
            default -> Json.createValue(String.valueOf(value));
        };
    }
}
