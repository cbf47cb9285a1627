package com.example.jwt.spring;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Nimbus's {@link JWSKeySelector} for one issuer: the one key that may verify a token, from that issuer's JWKS
 * ({@link JwksRetriever}). A key is a candidate when its kid (if the token has one), type and curve fit, and what the
 * JWK says of itself allows verifying this token: {@code alg} absent or the token's, {@code use} absent or
 * {@code sig}, {@code key_ops} absent or including {@code verify} (RFC 7517 §4.2 to §4.4, RFC 8725 §3.1); RSA keys
 * under 2048 bits and other unusable members never reach it ({@link JwksMembers}). A key comes back only when
 * exactly one candidate is left, and {@link UnavailableException} (503) when none is because the JWKS could not be
 * fetched; an unknown kid gets no key (401). A token with {@code crit} or an algorithm outside JWT_ALGORITHMS gets
 * no key without a lookup, so it gets 401 during an outage too (Nimbus checks crit only after choosing the key).
 *
 * <p>It replaces the {@code JWSVerificationKeySelector} that {@code NimbusJwtDecoder} builds, which skips Ed25519 (OKP)
 * keys, hands every matching key to the verifier when the token has no kid ("try every key"), and cannot tell a kid
 * that is unknown from one whose keys could not be fetched.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: KEY-1..KEY-3, KEY-7, ALG-1, JWKS-2, JWKS-4, JWKS-5, JWKS-8.
 */
final class JwksKeySelector implements JWSKeySelector<SecurityContext> {
    private final JwksRetriever jwks;
    private final Set<String> algorithms;
    private final JwsVerifierFactory verifiers;

    JwksKeySelector(JwksRetriever jwks, Set<String> algorithms, JwsVerifierFactory verifiers) {
        this.jwks = jwks;
        this.algorithms = algorithms;
        this.verifiers = verifiers;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        JWSAlgorithm alg = header.getAlgorithm();
        if (!algorithms.contains(alg.getName()) || header.getCriticalParams() != null) {
            return List.of(); // refused without a key
        }
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(alg))
                .curves(Curve.forJWSAlgorithm(alg))
                .algorithms(alg, null)
                .keyUses(KeyUse.SIGNATURE, null);
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        List<JWK> keys;
        try {
            keys = jwks.source.get(new JWKSelector(matcher.build()), context);
        } catch (RateLimitReachedException e) {
            keys = List.of(); // an unknown kid within JWT_JWKS_REFRESH_MIN_SECONDS of the last fetch
        } catch (KeySourceException e) {
            throw new UnavailableException();
        }
        if (keys.isEmpty() && jwks.lastFetchFailed()) {
            throw new UnavailableException();
        }
        // Nimbus's matcher would want key_ops to hold nothing but verify; RFC 7517 allows sign and verify together.
        keys = keys.stream()
                .filter(k ->
                        k.getKeyOperations() == null || k.getKeyOperations().contains(KeyOperation.VERIFY))
                .toList();
        return keys.size() == 1 ? verifiers.javaKeys(keys.get(0)) : List.of(); // none, or several without kid
    }

    /** The JWKS could not be fetched and no cached key fits: 503, not 401 (see {@link BearerErrorHandler}). */
    static final class UnavailableException extends JwtException {
        UnavailableException() {
            super("JWKS unavailable");
        }
    }
}
