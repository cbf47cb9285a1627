package com.example.jwt.dropwizard;

import jakarta.ws.rs.WebApplicationException;
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
 * JSON for the errors Jersey and Jetty answer themselves, before the bearer filter runs: the app shell, this repo's API
 * policy rather than the JWT check. By default Jersey answers an unknown path or method with
 * {@code {"code":404,"message":...}} (no {@code error}) and Jetty
 * answers answers a request it cannot parse (a malformed or ambiguous target: 400; headers over its 8 KiB limit: 431)
 * with an HTML page. Here every error answer is {@code {"error":"not_found"}} and the like, and OPTIONS is a 405.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-7, ANS-8, REQ-1, REQ-2.
 */
final class JsonErrors implements ExceptionMapper<WebApplicationException> {
    /** Jersey's 404, 405 and other errors it raises itself, as JSON (keeping its headers, such as Allow). */
    @Override
    public Response toResponse(WebApplicationException e) {
        return Response.fromResponse(e.getResponse())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(e.getResponse().getStatus()))
                .build();
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
