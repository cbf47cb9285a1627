package com.example.jwt.javalin;

import com.example.jwt.jose4j.BearerToken;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.security.RouteRole;
import java.util.Collections;
import java.util.Map;

/**
 * Javalin's way to guard routes: a {@code beforeMatched} handler that reads the matched route's roles. A route with any
 * role needs a valid bearer token; a {@link Scope} role also needs that scope in the token. A refusal is thrown as a
 * {@link Rejection} and answered by {@link #answer}, Javalin's exception handler for it. The token comes from
 * {@link BearerToken} and is verified by {@link TokenVerifier}, both in the jose4j-hardening module.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: GW-3, ANS-2..ANS-7.
 */
final class JwtAuth implements Handler {
    /** Any valid token. */
    enum Role implements RouteRole {
        AUTHENTICATED
    }

    /** A valid token that grants this scope, in {@code scope} or {@code scp}. */
    record Scope(String name) implements RouteRole {}

    private static final String CLAIMS = JwtAuth.class.getName() + ".claims";

    private final TokenVerifier verifier;
    private final String header;

    /** {@code header}: the header that carries the token (JWT_HEADER). */
    JwtAuth(TokenVerifier verifier, String header) {
        this.verifier = verifier;
        this.header = header;
    }

    /** The roles of a protected route: a valid token, and the required scope when there is one. */
    static RouteRole[] roles(String requiredScope) {
        return requiredScope == null
                ? new RouteRole[] {Role.AUTHENTICATED}
                : new RouteRole[] {Role.AUTHENTICATED, new Scope(requiredScope)};
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
            if (role instanceof Scope scope && !TokenVerifier.hasScope(claims, scope.name())) {
                throw Rejection.insufficientScope(scope.name());
            }
        }
        ctx.attribute(CLAIMS, claims);
    }

    /** The answer to a refusal: its status, the {@code WWW-Authenticate} challenge and a JSON body. */
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
