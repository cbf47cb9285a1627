package com.example.jwt.javalin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * JSON for the errors Javalin and Jetty answer themselves, before any of the app's handlers runs: the app shell, this
 * repo's API policy rather than the JWT check. By default Javalin answers an unknown path or method in plain text
 * ("Endpoint GET /x not found"), and Jetty answers a request it cannot parse (a malformed target: 400; headers over its
 * 8 KiB limit: 431) with an HTML page. Here every error answer is {@code {"error":"not_found"}} and the like.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-7, ANS-8, REQ-2.
 */
final class JsonErrors {
    private JsonErrors() {}

    static void install(JavalinConfig config) {
        config.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> ctx.status(e.getStatus())
                        .contentType("application/json")
                        .result(body(e.getStatus())));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    }

    /** {@code {"error":"not_found"}}: the status's reason phrase as an error code. */
    static String body(int status) {
        String reason = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "{\"error\":\"" + reason + "\"}";
    }

    /** Jetty's own answers: JSON instead of its HTML error page. */
    private static final class JettyErrors extends ErrorHandler {
        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
        }
    }
}
