package com.example.jwt.quarkus;

import com.example.jwt.jose4j.FastSignatures;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser SmallRye JWT verifies each token with, replaced (a CDI alternative of {@code JWTParser}) by the jose4j
 * hardening's {@link TokenVerifier}. SmallRye JWT's own checks fall short of the contract: any {@code typ}, every
 * algorithm its key allows, a key picked for a token without {@code kid}, a clock skew of 0 with no property for the
 * variable, one issuer only, and the JWKS refetched on a timer in minutes without a deadline for the whole fetch. A
 * refusal travels inside the {@code ParseException} to {@link BearerAnswers}, which answers it. A {@code @Startup}
 * bean, so that the settings are checked as the app starts, not at the first request (CFG-1, CFG-2).
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: TOK-1..TOK-4, ALG-1..ALG-3, KEY-1..KEY-7, CLM-1..CLM-5, JWKS-1..JWKS-9, CFG-1, CFG-2.
 */
@Alternative
@Priority(1)
@Startup
@Singleton
public class TokenParser extends DefaultJWTParser {
    private final TokenVerifier verifier;

    TokenParser(JwtSettings settings) {
        // FastSignatures: speed only; without it: new TokenVerifier(settings.verifierSettings())
        this.verifier = new TokenVerifier(settings.verifierSettings(), new FastSignatures());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        try {
            return new VerifiedToken(token, verifier.verify(token));
        } catch (Rejection rejection) {
            throw new ParseException("refused", rejection); // the answer, without the token
        }
    }
}
