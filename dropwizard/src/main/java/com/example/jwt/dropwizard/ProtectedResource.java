package com.example.jwt.dropwizard;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** The two endpoints. {@code @Auth} makes Dropwizard run {@link JwtAuth}'s filter before {@link #protectedResource}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProtectedResource {
    public record Health(String status) {}

    public record Granted(String message, String subject, Map<String, Object> claims) {}

    private final String requiredScope;

    /** {@code requiredScope}: JWT_REQUIRED_SCOPE, or null. */
    public ProtectedResource(String requiredScope) {
        this.requiredScope = requiredScope;
    }

    @GET
    @Path("health")
    public Health health() {
        return new Health("UP");
    }

    @GET
    @Path("protected")
    public Granted protectedResource(@Auth JwtAuth.Caller caller, @Context SecurityContext security) {
        // GW-3: a role that @RolesAllowed cannot name, since it comes from the configuration; the Authorizer decides.
        if (requiredScope != null && !security.isUserInRole(requiredScope)) {
            throw JwtAuth.answer(Rejection.insufficientScope(requiredScope));
        }
        return new Granted("Access granted", caller.getName(), caller.claims());
    }
}
