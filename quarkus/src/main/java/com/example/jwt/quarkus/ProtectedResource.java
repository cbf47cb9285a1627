package com.example.jwt.quarkus;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The two endpoints: {@code /health}, open, and {@code /protected}, which answers with the verified claims. The role
 * is JWT_REQUIRED_SCOPE, or any authenticated caller ({@code **}) when it is unset.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-1, GW-3.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProtectedResource {
    record Health(String status) {}

    record Granted(String message, Object subject, Map<String, Object> claims) {}

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("health")
    @PermitAll
    public Health health() {
        return new Health("UP");
    }

    @GET
    @Path("protected")
    @RolesAllowed("${jwt.required-scope:**}")
    public Granted protectedResource() {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : jwt.getClaimNames()) {
            claims.put(name, jwt.getClaim(name));
        }
        return new Granted("Access granted", claims.get("sub"), claims);
    }
}
