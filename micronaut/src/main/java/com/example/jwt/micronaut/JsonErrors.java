package com.example.jwt.micronaut;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Every error answer Micronaut makes itself is JSON with an {@code error} member: an unknown path (404), a method the
 * route does not serve (405), a request Netty could not decode (400, or 413 for headers over Netty's 8 KiB), and any
 * exception no handler took (500). Replaces Micronaut's {@code DefaultErrorResponseProcessor} (which is there only
 * while no other processor is), whose JSON has {@code message}, {@code _links} and {@code _embedded} (the request's
 * URI and the exception's message) but no {@code error}, and which answers an HTML page to a client that accepts
 * {@code text/html}.
 *
 * <p>Contract: ANS-4 and BRR-2 (Micronaut's body echoes the request URI, a token in the query string included),
 * ANS-5, ANS-7, ANS-8, REQ-2 (the 404 of a spelling the router does not take).
 */
@Singleton
final class JsonErrors implements ErrorResponseProcessor<String> {

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        MutableHttpResponse<String> json =
                response.contentType(MediaType.APPLICATION_JSON_TYPE).body(null);
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return json;
        }
        String reason = response.status().getReason();
        String error =
                reason == null ? "error" : reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return json.body("{\"error\":\"" + error + "\"}");
    }
}
