package com.example.jwt.javalin;

import io.javalin.http.Context;
import java.util.Map;

/**
 * The two endpoints: {@code /health}, open, and {@code /protected}, which answers with the verified claims. By the time
 * {@link #protectedResource} runs, {@link JwtAuth} has verified the token.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-1.
 */
final class ProtectedResource {
    private ProtectedResource() {}

    record Health(String status) {}

    record Granted(String message, Object subject, Map<String, Object> claims) {}

    static void health(Context ctx) {
        ctx.json(new Health("UP"));
    }

    static void protectedResource(Context ctx) {
        Map<String, Object> claims = JwtAuth.claims(ctx);
        ctx.json(new Granted("Access granted", claims.get("sub"), claims));
    }
}
