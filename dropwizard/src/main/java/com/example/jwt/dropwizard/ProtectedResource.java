package com.example.jwt.dropwizard;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The two endpoints. {@code @Auth} makes Dropwizard run {@link JwtAuth}'s filter before {@link #protectedResource}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProtectedResource {
    public record Health(String status) {
    }

    public record Granted(String message, String subject, Map<String, Object> claims) {
    }

    @GET
    @Path("health")
    public Health health() {
        return new Health("UP");
    }

    @GET
    @Path("protected")
    public Granted protectedResource(@Auth JwtAuth.Caller caller) {
        return new Granted("Access granted", caller.getName(), caller.claims());
    }
}
