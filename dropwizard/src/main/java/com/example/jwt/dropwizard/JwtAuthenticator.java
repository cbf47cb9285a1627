package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.dropwizard.auth.Authenticator;
import java.util.Map;
import java.util.Optional;

/**
 * dropwizard-auth's {@link Authenticator}: the caller of a bearer token, verified by the jose4j-hardening module's
 * {@link TokenVerifier}. A refusal is thrown as its answer (401, or 503 while the keys cannot be fetched): an
 * {@code AuthenticationException} would be a 500, and an empty result cannot say which refusal it was.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ANS-3, JWKS-4.
 */
final class JwtAuthenticator implements Authenticator<String, JwtAuth.Caller> {
    private final TokenVerifier verifier;

    JwtAuthenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Optional<JwtAuth.Caller> authenticate(String token) {
        try {
            Map<String, Object> claims = verifier.verify(token);
            return Optional.of(new JwtAuth.Caller(String.valueOf(claims.get("sub")), claims));
        } catch (Rejection rejection) {
            throw JwtAuth.answer(rejection);
        }
    }
}
