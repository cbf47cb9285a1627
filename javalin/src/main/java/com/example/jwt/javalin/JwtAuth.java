package com.example.jwt.javalin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.security.RouteRole;
import java.util.Collections;
import java.util.Map;

/**
 * Javalin's way to guard routes: a {@code beforeMatched} handler reads the route's roles. A route with any role needs
 * a valid bearer token; a {@link Scope} role also needs that scope in the token. A refusal is thrown as a
 * {@link Rejection} and answered by {@link #answer}, registered as Javalin's exception handler.
 * The token is verified by {@link TokenVerifier} (jose4j); the files it uses hold the contract's hardening.
 */
final class JwtAuth implements Handler {
    /** Any valid token. */
    enum Role implements RouteRole {
        AUTHENTICATED
    }

    /** A valid token that grants this scope (GW-3: {@code scope} or {@code scp}). */
    record Scope(String name) implements RouteRole {}

    private static final String CLAIMS = JwtAuth.class.getName() + ".claims";

    private final TokenVerifier verifier;
    private final String header;

    JwtAuth(JwtSettings settings) {
        verifier = new TokenVerifier(
                settings.issuers(),
                settings.audience(),
                settings.algorithms(),
                settings.clockSkewSeconds(),
                settings.jwksCacheSeconds(),
                settings.jwksRefreshMinSeconds(),
                settings.jwksTimeoutMillis());
        header = settings.tokenHeader();
    }

    /** The roles of a protected route: a valid token, and JWT_REQUIRED_SCOPE when it is set. */
    static RouteRole[] roles(JwtSettings settings) {
        return settings.requiredScope() == null
                ? new RouteRole[] {Role.AUTHENTICATED}
                : new RouteRole[] {Role.AUTHENTICATED, new Scope(settings.requiredScope())};
    }

    /** The verified claims, for the handlers of routes with roles. */
    static Map<String, Object> claims(Context ctx) {
        return ctx.attribute(CLAIMS);
    }

    @Override
    public void handle(Context ctx) throws Rejection {
        if (ctx.routeRoles().isEmpty()) {
            return; // a public route
        }
        String token = BearerToken.from(header, Collections.list(ctx.req().getHeaders(header)));
        Map<String, Object> claims = verifier.verify(token);
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Scope scope && !TokenChecks.hasScope(claims, scope.name())) {
                throw Rejection.insufficientScope(scope.name());
            }
        }
        ctx.attribute(CLAIMS, claims);
    }

    /** ANS-2..ANS-7: the answer to a refusal: its status, the {@code WWW-Authenticate} challenge and a JSON body. */
    static void answer(Rejection rejection, Context ctx) {
        if (rejection.challenge() != null) {
            ctx.header(Header.WWW_AUTHENTICATE, rejection.challenge());
        }
        if (rejection.retryAfterSeconds() != null) {
            ctx.header(Header.RETRY_AFTER, rejection.retryAfterSeconds());
        }
        ctx.status(rejection.status()).contentType("application/json").result(rejection.json());
    }
}
