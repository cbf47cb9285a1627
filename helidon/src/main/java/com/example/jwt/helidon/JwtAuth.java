package com.example.jwt.helidon;

import com.example.jwt.jose4j.BearerToken;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * Helidon SE's way to guard routes: a {@link Handler} routed before them. It verifies the bearer token and passes the
 * request on ({@code res.next()}) with the verified claims in the request's context, or answers the refusal itself.
 * {@link #requireScope} is a second handler, for routes that need a scope. The token comes from {@link BearerToken} and
 * is verified by {@link TokenVerifier}, both in the jose4j-hardening module.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: GW-3, ANS-2..ANS-7.
 */
final class JwtAuth implements Handler {
    /** The verified claims, in the request context, for the handlers after this one. */
    record VerifiedClaims(Map<String, Object> claims) {}

    private final TokenVerifier verifier;
    private final String header;
    private final HeaderName headerName;

    /** {@code header}: the header that carries the token (JWT_HEADER). */
    JwtAuth(TokenVerifier verifier, String header) {
        this.verifier = verifier;
        this.header = header;
        headerName = HeaderNames.create(header);
    }

    /** The verified claims, for the handlers after {@link JwtAuth}. */
    static Map<String, Object> claims(ServerRequest req) {
        return req.context().get(VerifiedClaims.class).orElseThrow().claims();
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            List<String> values = req.headers().contains(headerName)
                    ? req.headers().get(headerName).allValues()
                    : List.of();
            req.context().register(new VerifiedClaims(verifier.verify(BearerToken.from(header, values))));
            res.next();
        } catch (Rejection rejection) {
            answer(res, rejection);
        }
    }

    /** A handler after {@link JwtAuth}: the token must grant this scope, in {@code scope} or {@code scp}. */
    static Handler requireScope(String scope) {
        return (req, res) -> {
            if (TokenVerifier.hasScope(claims(req), scope)) {
                res.next();
            } else {
                answer(res, Rejection.insufficientScope(scope));
            }
        };
    }

    /** The answer to a refusal: its status, the {@code WWW-Authenticate} challenge and a JSON body. */
    private static void answer(ServerResponse res, Rejection rejection) {
        if (rejection.challenge() != null) {
            res.header(HeaderNames.WWW_AUTHENTICATE, rejection.challenge());
        }
        if (rejection.retryAfterSeconds() != null) {
            res.header(HeaderNames.RETRY_AFTER, rejection.retryAfterSeconds());
        }
        res.status(Status.create(rejection.status()))
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(rejection.json());
    }
}
