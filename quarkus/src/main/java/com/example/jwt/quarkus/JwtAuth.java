package com.example.jwt.quarkus;

import com.example.jwt.jose4j.BearerToken;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.VerifierSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus's way to authenticate a request, with SmallRye JWT: {@link ProtectedResource} is {@code @RolesAllowed} and
 * gets the {@code JsonWebToken}; an {@code HttpAuthenticationMechanism} reads the bearer token and hands it to
 * SmallRye JWT's identity provider, which verifies it with the {@code JWTParser} ({@link TokenParser}) and makes its
 * groups the roles ({@link VerifiedToken}: the scopes). This mechanism is the one Quarkus's security guide shows how
 * to customize (a CDI alternative of SmallRye JWT's {@code JWTAuthMechanism}): the token is read as RFC 6750 has it
 * ({@code BearerToken}, from JWT_HEADER; two headers or malformed credentials are a 400), and a refusal is answered
 * with its {@code WWW-Authenticate} challenge, {@code Retry-After} for a JWKS outage, and a JSON body. JWT_HEADER and
 * JWT_REQUIRED_SCOPE are checked at startup (a {@code @Startup} bean).
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: BRR-1..BRR-4, GW-2, ANS-2..ANS-7, JWKS-4, CFG-2.
 */
@Alternative
@Priority(1)
@Startup
@ApplicationScoped
public class JwtAuth implements HttpAuthenticationMechanism {
    private final String header;
    private final String requiredScope;

    JwtAuth(JwtSettings settings) {
        this.header = VerifierSettings.header(settings.header());
        this.requiredScope =
                VerifierSettings.requiredScope(settings.requiredScope().orElse(null));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token;
        try {
            token = BearerToken.from(header, context.request().headers().getAll(header));
        } catch (Rejection rejection) {
            return rejection.status() == 401
                    ? Uni.createFrom().nullItem() // no token: anonymous, refused where a role is needed
                    : Uni.createFrom().failure(new AuthenticationFailedException(rejection));
        }
        AuthenticationRequest request = new TokenAuthenticationRequest(new JsonWebTokenCredential(token));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
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
