package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.dropwizard.auth.Authorizer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * dropwizard-auth's {@link Authorizer}, for which a role is a scope of the token ({@code scope} or {@code scp}): what
 * {@code isUserInRole} and {@code @RolesAllowed("orders:write")} ask. {@link Forbidden} answers the 403 that
 * {@code RolesAllowedDynamicFeature} throws as RFC 6750 does, naming the scope; by default it is a bare 403.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: GW-3.
 */
final class ScopeAuthorizer implements Authorizer<JwtAuth.Caller> {
    @Override
    public boolean authorize(JwtAuth.Caller caller, String role, ContainerRequestContext request) {
        return TokenVerifier.hasScope(caller.claims(), role);
    }

    /** {@code @RolesAllowed}'s refusal: 403 {@code insufficient_scope}, naming the scopes (any one would do). */
    static final class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Context
        private ResourceInfo resource;

        @Override
        public Response toResponse(ForbiddenException e) {
            RolesAllowed roles = resource == null || resource.getResourceMethod() == null
                    ? null
                    : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
            if (roles == null && resource != null && resource.getResourceClass() != null) {
                roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
            }
            if (roles == null) { // a 403 of the resource's own
                return Response.status(403)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(JsonErrors.body(403))
                        .build();
            }
            return JwtAuth.answer(Rejection.insufficientScope(String.join(" ", roles.value())))
                    .getResponse();
        }
    }
}
