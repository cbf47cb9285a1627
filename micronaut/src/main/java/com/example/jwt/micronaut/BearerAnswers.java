package com.example.jwt.micronaut;

import com.example.jwt.nimbus.Rejection;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Every 400, 401, 403 and 503 answer of the bearer check, as the module's {@link Rejection} has it: an RFC 6750
 * challenge with a generic description, and a JSON body. Replaces Micronaut Security's
 * {@code DefaultAuthorizationExceptionHandler}, whose 401 carries no {@code WWW-Authenticate} at all and does not tell
 * a missing token from an invalid one, and whose 403 does not name the missing scope. A {@link Refused} is what
 * {@link JwtAuth}'s token reader (400) and validator (503) throw; Micronaut would answer it with a 500.
 *
 * <p>Contract: ANS-2, ANS-3, ANS-4, ANS-7, BRR-3, BRR-4, JWKS-4, GW-3, REQ-1 (HEAD gets the same challenge).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class BearerAnswers implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {
    /** The request attribute that says a token was sent. */
    static final String TOKEN_SENT = "com.example.jwt.token-sent";

    private final String requiredScope;

    BearerAnswers(JwtSettings settings) {
        requiredScope = settings.requiredScope();
    }

    /** A request {@code @Secured} refused: no token or an invalid one (401), or a token without the scope (403). */
    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) { // only RequiredScope refuses a valid token
            return answer(request, Rejection.insufficientScope(requiredScope));
        }
        return answer(
                request,
                request.getAttribute(TOKEN_SENT).isPresent() ? Rejection.invalidToken(false) : Rejection.noToken());
    }

    static MutableHttpResponse<?> answer(HttpRequest<?> request, Rejection rejection) {
        MutableHttpResponse<?> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(rejection.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (rejection.challenge() != null) {
            response.header("WWW-Authenticate", rejection.challenge());
        }
        if (rejection.retryAfterSeconds() != null) {
            response.header("Retry-After", rejection.retryAfterSeconds());
        }
        return request.getMethod() == HttpMethod.HEAD ? response : response.body(rejection.json());
    }

    /** A request refused before its token is checked to the end: malformed credentials, or no keys to check with. */
    static final class Refused extends RuntimeException {
        final Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.getMessage(), null, false, false); // no stack trace: it is an answer, not a failure
            this.rejection = rejection;
        }
    }

    /** Answers a {@link Refused}; Micronaut finds it by its exception type. */
    @Singleton
    static final class RefusedAnswers implements ExceptionHandler<Refused, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Refused refused) {
            return answer(request, refused.rejection);
        }
    }
}
