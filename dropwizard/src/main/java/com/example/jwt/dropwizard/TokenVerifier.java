package com.example.jwt.dropwizard;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * TOK-1..TOK-3, ALG-1..ALG-3, CLM-1..CLM-5, GW-1, ANS-5: a token verified with jose4j, or the answer that refuses it.
 * One {@link JwtConsumer} per trusted issuer, each with its own keys, picked by the token's iss (jose4j's two-pass
 * pattern): one issuer's key never verifies another's token, and an unlisted issuer costs no JWKS fetch. Unlike
 * jose4j's documented consumer, exp is required and every algorithm outside JWT_ALGORITHMS is refused.
 */
final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());

    /** Reads the claims without checking anything, only to pick the issuer's consumer. */
    private final JwtConsumer firstPass = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();
    /** Per trusted issuer: its consumer for a token's alg. */
    private final Map<String, Function<String, JwtConsumer>> consumers = new HashMap<>();

    private final List<JwksKeys> keys = new ArrayList<>();
    private final int retryAfterSeconds;

    TokenVerifier(
            Map<String, URI> issuers,
            String audience,
            Set<String> algorithms,
            int clockSkewSeconds,
            int jwksCacheSeconds,
            int jwksRefreshMinSeconds,
            int jwksTimeoutMillis) {
        issuers.forEach((issuer, jwksUri) -> {
            JwksKeys issuerKeys =
                    new JwksKeys(jwksUri, algorithms, jwksCacheSeconds, jwksRefreshMinSeconds, jwksTimeoutMillis);
            keys.add(issuerKeys);
            JwtConsumerBuilder builder = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(issuerKeys)
                    .setJwsAlgorithmConstraints(ConstraintType.PERMIT, algorithms.toArray(String[]::new))
                    .setExpectedIssuer(issuer)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(clockSkewSeconds)
                    .registerValidator(TokenChecks::checkDates)
                    .registerValidator(TokenChecks::checkType);
            if (audience == null) {
                builder.setSkipDefaultAudienceValidation();
            } else {
                builder.setExpectedAudience(audience);
            }
            consumers.put(issuer, FastSignatures.consumers(builder)); // speed only: see FastSignatures
        });
        retryAfterSeconds = jwksRefreshMinSeconds;
    }

    /** Whether the last JWKS fetch of some issuer failed (for a health check). */
    boolean jwksFetchFailing() {
        return keys.stream().anyMatch(JwksKeys::lastFetchFailed);
    }

    /** The verified claims; throws the answer (401, or 503 when the keys cannot be fetched). */
    Map<String, Object> verify(String token) throws Rejection {
        try {
            JwtContext context = firstPass.process(token);
            Function<String, JwtConsumer> issuer =
                    consumers.get(context.getJwtClaims().getClaimValue("iss"));
            if (issuer == null) {
                throw Rejection.invalidToken(false);
            }
            issuer.apply(context.getJoseObjects().get(0).getAlgorithmHeaderValue())
                    .processContext(context);
            return context.getJwtClaims().getClaimsMap();
        } catch (InvalidJwtException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JwksKeys.Unavailable) {
                    throw Rejection.keysUnavailable(retryAfterSeconds);
                }
            }
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Rejected a token: error code {0}",
                    e.getErrorDetails().isEmpty()
                            ? "none"
                            : e.getErrorDetails().get(0).getErrorCode());
            throw Rejection.invalidToken(e.hasExpired());
        } catch (RuntimeException e) {
            // ANS-5: hostile input must never become a 500: a token jose4j chokes on is invalid.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Rejected a token jose4j could not process: {0}",
                    e.getClass().getName());
            throw Rejection.invalidToken(false);
        }
    }
}
