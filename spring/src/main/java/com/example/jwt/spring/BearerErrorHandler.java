package com.example.jwt.spring;

import com.example.jwt.nimbus.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * The error handler of the bearer check: every 400, 401, 403 and 503 it answers, as the module's {@link Rejection}
 * has it (an RFC 6750 challenge with a generic description, a JSON body). It is Spring Security's
 * {@link AuthenticationEntryPoint} (400, 401, 503) and {@link AccessDeniedHandler} (403), and sets the bearer
 * filter's failure handler to hand a JWKS outage to {@link #commence} (503 with Retry-After). It replaces Spring's
 * {@code BearerTokenAuthenticationEntryPoint} (no body, descriptions that quote library messages),
 * {@code BearerTokenAccessDeniedHandler} (a 403 that does not name the missing scope), and the filter's default
 * failure handler, which rethrows an {@link AuthenticationServiceException} (the JWKS is down) into a 500.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-2..ANS-4, ANS-7, BRR-3, BRR-4, JWKS-4, GW-3.
 */
final class BearerErrorHandler
        implements AuthenticationEntryPoint, AccessDeniedHandler, ObjectPostProcessor<BearerTokenAuthenticationFilter> {
    private final long retryAfterSeconds;
    private final String requiredScope;

    BearerErrorHandler(JwtSettings settings) {
        retryAfterSeconds = settings.jwksRefreshMinSeconds().toSeconds();
        requiredScope = settings.requiredScope();
    }

    /** Malformed credentials (400), as the token resolver refuses them: an exception the bearer filter answers. */
    static final class Rejected extends OAuth2AuthenticationException {
        final transient Rejection rejection;

        Rejected(Rejection rejection) {
            super(new OAuth2Error("invalid_request"));
            this.rejection = rejection;
        }
    }

    /** The JWKS could not be fetched and no cached key fits: 503, not 401. */
    static final class KeysUnavailable extends JwtException {
        KeysUnavailable() {
            super("JWKS unavailable");
        }
    }

    /** The bearer filter's failures, including a JWKS outage, all go to {@link #commence}. */
    @Override
    public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(this);
        failures.setRethrowAuthenticationServiceException(false);
        filter.setAuthenticationFailureHandler(failures);
        return filter;
    }

    /** A valid token without JWT_REQUIRED_SCOPE: 403 insufficient_scope, naming the scope (RFC 6750 §3.1). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, Rejection.insufficientScope(requiredScope));
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (causedBy(e, KeysUnavailable.class)) {
            write(response, Rejection.keysUnavailable(retryAfterSeconds));
        } else if (e instanceof Rejected rejected) {
            write(response, rejected.rejection);
        } else if (e instanceof OAuth2AuthenticationException || e instanceof AuthenticationServiceException) {
            write(response, Rejection.invalidToken(false));
        } else {
            write(response, Rejection.noToken());
        }
    }

    private static void write(HttpServletResponse response, Rejection rejection) throws IOException {
        if (rejection.challenge() != null) {
            response.setHeader("WWW-Authenticate", rejection.challenge());
        }
        if (rejection.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", rejection.retryAfterSeconds());
        }
        response.setStatus(rejection.status());
        response.setContentType("application/json");
        response.getOutputStream().write(rejection.json().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
