package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.Rejection;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * The two endpoints: {@code /health}, open, and {@code /protected}, which answers with the verified claims. Its
 * {@code @Auth} parameter makes dropwizard-auth run {@link BearerAuthFilter} before it. JWT_REQUIRED_SCOPE is a role
 * that {@code @RolesAllowed} cannot name, since it comes from the configuration: the method asks
 * {@code isUserInRole}, that is {@link ScopeAuthorizer}, itself.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-1, GW-3.
 */
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
        if (requiredScope != null && !security.isUserInRole(requiredScope)) {
            throw JwtAuth.answer(Rejection.insufficientScope(requiredScope));
        }
        return new Granted("Access granted", caller.getName(), caller.claims());
    }
}
