package com.example.jwt.micronaut;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;

/**
 * Every 400, 401, 403 and 503 answer of the bearer check: an RFC 6750 challenge with a generic description, and a JSON
 * body. Replaces Micronaut Security's {@code DefaultAuthorizationExceptionHandler}, whose 401 carries no
 * {@code WWW-Authenticate} at all and does not tell a missing token from an invalid one, and whose 403 does not name
 * the missing scope. {@link Refusal}s are what {@link BearerToken} (400) and {@link JwksKeys} (503) throw; Micronaut
 * would answer them with a 500.
 *
 * <p>Contract: ANS-2, ANS-3, ANS-4, ANS-7, BRR-3, BRR-4, JWKS-4, GW-3, REQ-1 (HEAD gets the same challenge).
 */
final class BearerAnswers implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {
    private final String requiredScope;

    BearerAnswers(JwtSettings settings) {
        requiredScope = settings.requiredScope();
    }

    /** A request {@code @Secured} refused: no token or an invalid one (401), or a token without the scope (403). */
    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) { // only RequiredScope refuses a valid token
            return answer(
                    request,
                    HttpStatus.FORBIDDEN,
                    "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"",
                    "insufficient_scope",
                    "The access token lacks the required scope");
        }
        if (request.getAttribute(BearerToken.SENT).isPresent()) {
            return answer(
                    request,
                    HttpStatus.UNAUTHORIZED,
                    "Bearer error=\"invalid_token\", error_description=\"The access token is invalid\"",
                    "invalid_token",
                    "The access token is invalid");
        }
        return answer(request, HttpStatus.UNAUTHORIZED, "Bearer", "unauthorized", "Bearer token required");
    }

    private static MutableHttpResponse<?> answer(
            HttpRequest<?> request, HttpStatus status, String challenge, String error, String description) {
        MutableHttpResponse<?> response = HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (challenge != null) {
            response.header("WWW-Authenticate", challenge);
        }
        if (request.getMethod() == HttpMethod.HEAD) {
            return response;
        }
        return response.body("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    /** A request refused before its token is checked to the end: malformed credentials, or no keys to check with. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String error;

        private Refusal(int status, String error, String description) {
            super(description, null, false, false); // no stack trace: it is an answer, not a failure
            this.status = status;
            this.error = error;
        }

        /** 400 invalid_request (RFC 6750 §3.1). */
        static Refusal malformed(String description) {
            return new Refusal(400, "invalid_request", description);
        }

        /** 503 with Retry-After: the JWKS could not be fetched and no cached key fits (JWKS-4). */
        static Refusal keysUnavailable() {
            return new Refusal(503, "temporarily_unavailable", "The signing keys are unavailable, try again later");
        }
    }

    /** Answers a {@link Refusal}; Micronaut finds it by its exception type. */
    static final class RefusalAnswers implements ExceptionHandler<Refusal, HttpResponse<?>> {
        private final String retryAfterSeconds;

        RefusalAnswers(JwtSettings settings) {
            retryAfterSeconds =
                    String.valueOf(Math.max(1, settings.jwksRefreshMin().toSeconds()));
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
            if (refusal.status == 503) {
                return answer(request, HttpStatus.SERVICE_UNAVAILABLE, null, refusal.error, refusal.getMessage())
                        .header("Retry-After", retryAfterSeconds);
            }
            String challenge =
                    "Bearer error=\"" + refusal.error + "\", error_description=\"" + refusal.getMessage() + "\"";
            return answer(request, HttpStatus.BAD_REQUEST, challenge, refusal.error, refusal.getMessage());
        }
    }
}
