package com.example.jwt.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * The error handler of the bearer check: every 400, 401, 403 and 503 it answers, as an RFC 6750 challenge with a
 * generic description and a JSON body. It is Spring Security's {@link AuthenticationEntryPoint} (400, 401, 503) and
 * {@link AccessDeniedHandler} (403), and sets the bearer filter's failure handler to hand a JWKS outage to
 * {@link #commence} (503 with Retry-After). It replaces Spring's {@code BearerTokenAuthenticationEntryPoint} (no
 * body, descriptions that quote library messages), {@code BearerTokenAccessDeniedHandler} (a 403 that does not name
 * the missing scope), and the filter's default failure handler, which rethrows an
 * {@link AuthenticationServiceException} (the JWKS is down) into a 500.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-2..ANS-4, ANS-7, BRR-3, BRR-4, JWKS-4, GW-3.
 */
final class BearerErrorHandler
        implements AuthenticationEntryPoint, AccessDeniedHandler, ObjectPostProcessor<BearerTokenAuthenticationFilter> {
    private final String retryAfterSeconds;
    private final String requiredScope;

    BearerErrorHandler(JwtSettings settings) {
        retryAfterSeconds =
                String.valueOf(Math.max(1, settings.jwksRefreshMinSeconds().toSeconds()));
        requiredScope = settings.requiredScope();
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
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
        response.setStatus(403);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"error\":\"insufficient_scope\",\"error_description\":"
                                + "\"The access token lacks the required scope\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (causedBy(e, JwksKeySelector.UnavailableException.class)) {
            response.setHeader("Retry-After", retryAfterSeconds);
            write(response, 503, null, "temporarily_unavailable", "The signing keys are unavailable, try again later");
        } else if (e instanceof OAuth2AuthenticationException oauth
                && "invalid_request".equals(oauth.getError().getErrorCode())) {
            // only HeaderBearerTokenResolver raises invalid_request, with a description of ours
            String description =
                    Objects.requireNonNullElse(oauth.getError().getDescription(), "Malformed bearer credentials");
            write(response, 400, "invalid_request", "invalid_request", description);
        } else if (e instanceof OAuth2AuthenticationException || e instanceof AuthenticationServiceException) {
            write(response, 401, "invalid_token", "invalid_token", "The access token is invalid");
        } else {
            write(response, 401, "", "unauthorized", "Bearer token required");
        }
    }

    private static void write(
            HttpServletResponse response, int status, String challengeError, String error, String description)
            throws IOException {
        if (challengeError != null) {
            response.setHeader(
                    "WWW-Authenticate",
                    challengeError.isEmpty()
                            ? "Bearer"
                            : "Bearer error=\"" + challengeError + "\", error_description=\"" + description + "\"");
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
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
