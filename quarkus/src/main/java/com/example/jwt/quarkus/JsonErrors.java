package com.example.jwt.quarkus;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON for the errors Quarkus answers itself: an unknown path (an empty 404), a method the route does not serve, a
 * request target the router cannot parse, the failure of a handler (Quarkus's error page), and OPTIONS, which Quarkus
 * REST answers itself for every resource.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-7, ANS-8, REQ-1, REQ-2.
 */
@Singleton
public class JsonErrors {
    private static final Logger LOG = Logger.getLogger(JsonErrors.class);

    /** {@code {"error":"not_found"}}: the status's reason phrase as an error code. */
    static String body(int status) {
        String reason = Response.Status.fromStatusCode(status) == null
                ? "error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return "{\"error\":\"" + reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "\"}";
    }

    /** 404, 405 and the like from Quarkus REST, in JSON. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status)
                .type("application/json")
                .entity(body(status))
                .build();
    }

    /** The answers of the router itself, in JSON. */
    void routerErrors(@Observes Router router) {
        // OPTIONS is not served (no CORS here): Quarkus REST would answer it itself, with 200 and an Allow header.
        router.route().method(HttpMethod.OPTIONS).order(Integer.MIN_VALUE).handler(ctx -> json(ctx.response(), 405));
        router.route().order(Integer.MAX_VALUE).handler(ctx -> json(ctx.response(), 404));
        router.errorHandler(400, ctx -> json(ctx.response(), 400)); // a target the router cannot decode
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == -1 || ctx.statusCode() >= 500) {
                LOG.error("Unhandled failure", ctx.failure());
            }
            json(ctx.response(), ctx.statusCode() == -1 ? 500 : ctx.statusCode());
        });
    }

    private static void json(HttpServerResponse response, int status) {
        if (!response.ended()) {
            response.setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(body(status));
        }
    }
}
