package com.example.jwt.helidon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The two endpoints: {@code /health}, open, and {@code /protected}, which answers with the verified claims. By the time
 * {@link #protectedResource} runs, {@link JwtAuth} has verified the token. HEAD has a route of its own: Helidon has no
 * HEAD for a GET route, and {@code JwtAuth} guards every method on the path.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: ANS-1, REQ-1.
 */
final class ProtectedResource implements HttpService {
    record Health(String status) {}

    record Granted(String message, Object subject, Map<String, Object> claims) {}

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .get("/protected", this::protectedResource)
                .head("/protected", this::protectedResource);
    }

    private void health(ServerRequest req, ServerResponse res) {
        res.send(new Health("UP"));
    }

    private void protectedResource(ServerRequest req, ServerResponse res) {
        Map<String, Object> claims = JwtAuth.claims(req);
        res.send(new Granted("Access granted", claims.get("sub"), claims));
    }
}
