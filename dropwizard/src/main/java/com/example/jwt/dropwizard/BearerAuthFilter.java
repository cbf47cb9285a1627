package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.BearerToken;
import com.example.jwt.jose4j.Rejection;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * dropwizard-auth's {@link AuthFilter} for bearer tokens, run for every {@code @Auth} method, HEAD included. It reads
 * the token from the credential header only ({@link BearerToken}) and has the authenticator verify it; the security
 * context it sets asks the authorizer for roles. It replaces dropwizard-auth's
 * {@code OAuthCredentialAuthFilter}, which also reads {@code ?access_token=}, answers in plain text without
 * {@code error="invalid_token"}, and reads only the first of two Authorization headers.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: BRR-1..BRR-4, REQ-1, GW-2.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthFilter extends AuthFilter<String, JwtAuth.Caller> {
    private final String header;

    private BearerAuthFilter(String header) {
        this.header = header;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String token = BearerToken.from(header, request.getHeaders().getOrDefault(header, List.of()));
            // AuthFilter: the Authenticator, then a SecurityContext whose isUserInRole asks the Authorizer
            if (!authenticate(request, token, prefix)) {
                throw Rejection.invalidToken(false);
            }
        } catch (Rejection rejection) {
            throw JwtAuth.answer(rejection);
        }
    }

    /** dropwizard-auth's builder for the filter: set the authenticator and the authorizer, then build. */
    static final class Builder extends AuthFilterBuilder<String, JwtAuth.Caller, BearerAuthFilter> {
        private final String header;

        /** {@code header}: the header that carries the token (JWT_HEADER). */
        Builder(String header) {
            this.header = header;
            setPrefix("Bearer");
        }

        @Override
        protected BearerAuthFilter newInstance() {
            return new BearerAuthFilter(header);
        }
    }
}
