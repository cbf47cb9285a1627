package com.example.jwt.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JWT check in dropwizard-auth's terms: an {@link Authenticator} (verifying with {@link TokenVerifier}), an
 * {@link Authorizer} for which a role is a scope, and {@link BearerFilter}, the {@link AuthFilter} that
 * {@code AuthDynamicFeature} runs for {@code @Auth} methods: ours, since {@code OAuthCredentialAuthFilter} also reads
 * {@code ?access_token=} and answers in plain text. A refusal is thrown as its RFC 6750 answer ({@link #answer}).
 */
final class JwtAuth implements Authenticator<String, JwtAuth.Caller> {
    /** The authenticated caller: the token's subject (its name) and verified claims. */
    record Caller(String getName, Map<String, Object> claims) implements Principal {}

    /** GW-3: a role is a scope of the token, for {@code @RolesAllowed} and JWT_REQUIRED_SCOPE (ProtectedResource). */
    static final Authorizer<Caller> SCOPES = (caller, role, request) -> TokenChecks.hasScope(caller.claims(), role);

    private final TokenVerifier verifier;

    JwtAuth(JwtSettings.Valid settings) {
        verifier = new TokenVerifier(
                settings.issuers(),
                settings.audience(),
                settings.algorithms(),
                settings.clockSkewSeconds(),
                settings.jwksCacheSeconds(),
                settings.jwksRefreshMinSeconds(),
                settings.jwksTimeoutMillis());
    }

    /** The caller of a valid token. A refusal is thrown as its answer: an AuthenticationException would be a 500. */
    @Override
    public Optional<Caller> authenticate(String token) {
        try {
            Map<String, Object> claims = verifier.verify(token);
            return Optional.of(new Caller(String.valueOf(claims.get("sub")), claims));
        } catch (Rejection rejection) {
            throw answer(rejection);
        }
    }

    /** Admin port: unhealthy while the last JWKS fetch failed. */
    HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return verifier.jwksFetchFailing() ? Result.unhealthy("the last JWKS fetch failed") : Result.healthy();
            }
        };
    }

    /**
     * ANS-2..ANS-7: the answer to a refusal: status, challenge, {@code Retry-After}, JSON body. Jersey sends the
     * response of a thrown {@link WebApplicationException} that has an entity as is, with no ExceptionMapper between.
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

    /** Reads the token from the credential header only; {@link AuthFilter} authenticates it (REQ-1: HEAD too). */
    @Priority(Priorities.AUTHENTICATION)
    static final class BearerFilter extends AuthFilter<String, Caller> {
        private final String header;

        private BearerFilter(String header) {
            this.header = header;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            try {
                String token = BearerToken.from(header, request.getHeaders().getOrDefault(header, List.of()));
                // AuthFilter: the Authenticator, then a SecurityContext whose isUserInRole asks the Authorizer
                if (!authenticate(request, token, prefix)) {
                    throw Rejection.invalidToken(false); // the Authenticator found no caller
                }
            } catch (Rejection rejection) {
                throw answer(rejection);
            }
        }

        /** dropwizard-auth's builder, for the header that carries the token: set the authenticator and authorizer. */
        static final class Builder extends AuthFilterBuilder<String, Caller, BearerFilter> {
            private final String header;

            Builder(String header) {
                this.header = header;
                setPrefix("Bearer");
            }

            @Override
            protected BearerFilter newInstance() {
                return new BearerFilter(header);
            }
        }
    }
}
