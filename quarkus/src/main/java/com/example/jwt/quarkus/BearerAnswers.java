package com.example.jwt.quarkus;

import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.VerifierSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every 400, 401, 403 and 503 answer of the bearer check, as the module's {@link Rejection} has it: an RFC 6750
 * challenge with a generic description, {@code Retry-After} for a JWKS outage, and a JSON body. Quarkus REST's
 * {@code @ServerExceptionMapper}s for the security exceptions Quarkus throws: without them, SmallRye JWT's refusal is
 * a bare {@code Bearer} challenge with an empty body for every case, no {@code error="invalid_token"}, no 503 and no
 * JSON. JWT_REQUIRED_SCOPE, which the 403 names, is checked at startup (a {@code @Startup} bean).
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-2..ANS-7, BRR-2..BRR-4, JWKS-4, GW-3, CFG-2.
 */
@Startup
@Singleton
public class BearerAnswers {
    private final String requiredScope;

    BearerAnswers(JwtSettings settings) {
        this.requiredScope =
                VerifierSettings.requiredScope(settings.requiredScope().orElse(null));
    }

    /** No token where a role is needed: 401 with a bare challenge. */
    @ServerExceptionMapper
    public Response noToken(UnauthorizedException e) {
        return answer(Rejection.noToken());
    }

    /** A refused token: the refusal the verifier threw, inside SmallRye JWT's exceptions. */
    @ServerExceptionMapper
    public Response refused(AuthenticationFailedException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rejection rejection) {
                return answer(rejection);
            }
        }
        return answer(Rejection.invalidToken(false));
    }

    /** A valid token without JWT_REQUIRED_SCOPE: 403 insufficient_scope, naming the scope. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Rejection.insufficientScope(requiredScope));
    }

    /** A refusal as RFC 6750 §3 answers it: status, challenge, Retry-After for a JWKS outage, JSON body. */
    static Response answer(Rejection rejection) {
        return Response.status(rejection.status())
                .header("WWW-Authenticate", rejection.challenge())
                .header("Retry-After", rejection.retryAfterSeconds())
                .type(MediaType.APPLICATION_JSON)
                .entity(rejection.json())
                .build();
    }
}
