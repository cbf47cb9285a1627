package com.example.jwt.dropwizard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * ANS-7, ANS-8, REQ-1 and GW-3: every error answer is JSON with an {@code error} member, also those made before our
 * filter runs. By default Jersey answers an unknown path or method with {@code {"code":404,"message":...}} (no
 * {@code error}), OPTIONS on any resource with 200 and no authentication, and a caller refused by
 * {@code @RolesAllowed} with a bare 403; Jetty answers a request it cannot parse (a malformed or ambiguous target: 400;
 * headers over its 8 KiB limit: 431) with an HTML page.
 */
final class JsonErrors implements ExceptionMapper<WebApplicationException> {
    @Context
    private ResourceInfo resource;

    /** Jersey's 404, 405 and other errors it raises itself, as JSON (keeping its headers, such as Allow). */
    @Override
    public Response toResponse(WebApplicationException e) {
        RolesAllowed roles = e instanceof ForbiddenException ? rolesAllowed() : null;
        if (roles != null) {
            // GW-3: RolesAllowedDynamicFeature's 403, answered as RFC 6750 says, naming the scopes (any one would do)
            return JwtAuth.answer(Rejection.insufficientScope(String.join(" ", roles.value())))
                    .getResponse();
        }
        int status = e.getResponse().getStatus();
        return Response.fromResponse(e.getResponse())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status))
                .build();
    }

    /** The {@code @RolesAllowed} of the matched method, else of its class, or null. */
    private RolesAllowed rolesAllowed() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        return roles != null ? roles : resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }

    /** OPTIONS is refused (405) rather than answered by Jersey for every path, protected or not, without a token. */
    @PreMatching
    static final class NoAutomaticOptions implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getMethod().equals(HttpMethod.OPTIONS)) {
                request.abortWith(Response.status(405)
                        .header(HttpHeaders.ALLOW, "GET, HEAD")
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body(405))
                        .build());
            }
        }
    }

    /**
     * Jetty's own answers, for requests it refuses before Jersey sees them (and Dropwizard's 405 for a method outside
     * {@code server.allowedMethods}): JSON instead of an HTML page, and for every method, not only GET, POST and HEAD.
     */
    static ErrorHandler jettyErrors() {
        return new ErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
                return true;
            }

            @Override
            protected void generateResponse(
                    Request request,
                    org.eclipse.jetty.server.Response response,
                    int code,
                    String message,
                    Throwable cause,
                    Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
            }

            @Override
            public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
                fields.put(HttpHeader.CONTENT_TYPE, "application/json");
                return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** {@code {"error":"not_found"}}: the status's reason phrase as an error code. */
    static String body(int status) {
        String reason = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "{\"error\":\"" + reason + "\"}";
    }
}
