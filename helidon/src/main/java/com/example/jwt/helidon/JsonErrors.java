package com.example.jwt.helidon;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.Locale;

/**
 * JSON for the errors Helidon answers itself, before any route runs: the app shell, this repo's API policy rather than
 * the JWT check. By default Helidon answers an unknown path with "Endpoint not found" in plain text, and a request it
 * cannot parse (a malformed target, headers over its 16 KiB limit: 400) with an empty body and no content type. Here
 * every error answer is {@code {"error":"not_found"}} and the like.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-7, ANS-8, REQ-2.
 */
final class JsonErrors {
    private JsonErrors() {}

    /** Helidon's direct handlers, one for each kind of answer the server makes itself. */
    static DirectHandlers directHandlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, JsonErrors::answer);
        }
        return handlers.build();
    }

    private static DirectHandler.TransportResponse answer(
            DirectHandler.TransportRequest request,
            DirectHandler.EventType type,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(body(status))
                .build();
    }

    /** {@code {"error":"not_found"}}: the status's reason phrase as an error code. */
    static String body(Status status) {
        return "{\"error\":\"" + status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "\"}";
    }
}
