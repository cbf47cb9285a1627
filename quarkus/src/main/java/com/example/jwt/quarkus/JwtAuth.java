package com.example.jwt.quarkus;

import com.example.jwt.jose4j.BearerToken;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.VerifierSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
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
import java.util.Set;

/**
 * Quarkus's way to authenticate a request, with SmallRye JWT: {@link ProtectedResource} is {@code @RolesAllowed} and
 * gets the {@code JsonWebToken}; an {@code HttpAuthenticationMechanism} reads the bearer token and hands it to
 * SmallRye JWT's identity provider, which verifies it with the {@code JWTParser} ({@link TokenParser}) and makes its
 * groups the roles ({@link VerifiedToken}: the scopes). This mechanism is the one Quarkus's security guide shows how
 * to customize (a CDI alternative of SmallRye JWT's {@code JWTAuthMechanism}): the token is read as RFC 6750 has it
 * ({@code BearerToken}, from JWT_HEADER, checked at startup; two headers or malformed credentials are a 400). Every
 * refusal is answered by {@link BearerAnswers}.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: BRR-1..BRR-4, GW-2, CFG-2.
 */
@Alternative
@Priority(1)
@Startup
@ApplicationScoped
public class JwtAuth implements HttpAuthenticationMechanism {
    private final String header;

    JwtAuth(JwtSettings settings) {
        this.header = VerifierSettings.header(settings.header());
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
}
