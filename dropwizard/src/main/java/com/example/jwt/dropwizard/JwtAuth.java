package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Map;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The JWT check wired in dropwizard-auth's terms, as dropwizard-example wires its own: {@code AuthDynamicFeature} runs
 * {@link BearerAuthFilter} for every resource method with an {@code @Auth} parameter; the filter reads the token and
 * asks {@link JwtAuthenticator} for the {@link Caller}; {@code RolesAllowedDynamicFeature} asks {@link ScopeAuthorizer}
 * for {@code @RolesAllowed}, where a role is a scope of the token. A refusal is thrown as its answer ({@link #answer}).
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: REQ-1, GW-3, ANS-2..ANS-7.
 */
final class JwtAuth {
    private JwtAuth() {}

    /** The authenticated caller: the token's subject, as the principal's name, and its verified claims. */
    record Caller(String getName, Map<String, Object> claims) implements Principal {}

    /** Registers the check with Jersey; {@code header} carries the token (JWT_HEADER). */
    static void register(JerseyEnvironment jersey, TokenVerifier verifier, String header) {
        jersey.register(new AuthDynamicFeature(new BearerAuthFilter.Builder(header)
                .setAuthenticator(new JwtAuthenticator(verifier))
                .setAuthorizer(new ScopeAuthorizer())
                .buildAuthFilter()));
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new ScopeAuthorizer.Forbidden());
        jersey.register(new NoAutomaticOptions());
    }

    /**
     * OPTIONS refused with 405: Jersey answers it for every resource itself, with 200, before any filter runs, so no
     * method reaches a resource without the check (the API serves GET and HEAD; HEAD runs the GET method, filter too).
     */
    @PreMatching
    static final class NoAutomaticOptions implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getMethod().equals(HttpMethod.OPTIONS)) {
                request.abortWith(Response.status(405)
                        .header(HttpHeaders.ALLOW, "GET, HEAD")
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(JsonErrors.body(405))
                        .build());
            }
        }
    }

    /**
     * The answer to a refusal: status, challenge, {@code Retry-After}, JSON body. Jersey sends the response of a thrown
     * {@link WebApplicationException} that has an entity as it is, with no ExceptionMapper between.
     */
    static WebApplicationException answer(Rejection rejection) {
        Response.ResponseBuilder answer = Response.status(rejection.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(rejection.json());
        if (rejection.challenge() != null) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, rejection.challenge());
        }
        if (rejection.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, rejection.retryAfterSeconds());
        }
        return new WebApplicationException(rejection, answer.build());
    }
}
