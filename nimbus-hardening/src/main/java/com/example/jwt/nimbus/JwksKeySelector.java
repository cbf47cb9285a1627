package com.example.jwt.nimbus;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one key of an issuer's JWKS ({@link JwksFetch}) that may verify a token. A key is a candidate when its kid (if
 * the token has one), type and curve fit the algorithm, and what the JWK says of itself allows verifying this token:
 * {@code alg} absent or the token's, {@code use} absent or {@code sig}, {@code key_ops} absent or including
 * {@code verify} (RFC 7517 §4.2 to §4.4, RFC 8725 §3.1); unusable members never get here ({@link JwksMembers}).
 * A key comes back only when exactly one candidate is left; a kid the set does not hold asks for a refetch, which
 * {@link JwksFetch} allows once per interval; no candidate while the fetch failed is {@link Unavailable} (503).
 *
 * <p>It replaces the frameworks' key selection: Spring's {@code JWSVerificationKeySelector} skips Ed25519 (OKP) keys,
 * hands every matching key to the verifier when the token has no kid ("try every key"), and cannot tell a kid that
 * is unknown from one whose keys could not be fetched; Micronaut's {@code ReactiveJwksSignature} is one key set for
 * every issuer, matches keys by kid alone and tries every key when the token has no kid.
 *
 * <p>Contract: KEY-1, KEY-2, KEY-3, KEY-7, ALG-3, JWKS-2, JWKS-4, JWKS-5.
 */
final class JwksKeySelector {
    /** No key fits and the JWKS could not be fetched: the keys are unavailable (503), not unknown (401). */
    static final class Unavailable extends RuntimeException {
        Unavailable() {
            super("JWKS unavailable", null, false, false); // an answer, not a failure: no stack trace
        }
    }

    private final JwksFetch jwks;

    JwksKeySelector(JwksFetch jwks) {
        this.jwks = jwks;
    }

    /** The one key for a token with this header, or null; fails with {@link Unavailable}. */
    CompletableFuture<JWK> key(JWSHeader header) {
        return jwks.keys().thenCompose(keys -> {
            List<JWK> fitting = fitting(header, keys.set().getKeys());
            if (fitting.isEmpty() && header.getKeyID() != null && !keys.stale()) {
                return jwks.refreshed()
                        .thenApply(again -> one(fitting(header, again.set().getKeys()), again));
            }
            return CompletableFuture.completedFuture(one(fitting, keys));
        });
    }

    private static JWK one(List<JWK> fitting, JwksFetch.Keys keys) {
        if (fitting.isEmpty() && keys.stale()) {
            throw new Unavailable(); // JWKS-4: no key, and the JWKS could not be fetched
        }
        return fitting.size() == 1 ? fitting.get(0) : null; // none, or several without kid
    }

    /** The keys that may verify a token with this header. */
    static List<JWK> fitting(JWSHeader header, List<JWK> keys) {
        JWSAlgorithm alg = header.getAlgorithm();
        String kid = header.getKeyID();
        return keys.stream()
                .filter(k -> kid == null || kid.equals(k.getKeyID()))
                .filter(k -> typeFits(alg, k))
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k ->
                        k.getKeyOperations() == null || k.getKeyOperations().contains(KeyOperation.VERIFY))
                .filter(k -> k.getAlgorithm() == null
                        || Objects.equals(k.getAlgorithm().getName(), alg.getName()))
                .toList();
    }

    private static boolean typeFits(JWSAlgorithm alg, JWK key) {
        return switch (key) {
            case RSAKey rsa -> JWSAlgorithm.Family.RSA.contains(alg) && rsa.size() >= 2048;
            case ECKey ec ->
                Curve.forJWSAlgorithm(alg) != null && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
            case OctetKeyPair okp -> JWSAlgorithm.EdDSA.equals(alg) && Curve.Ed25519.equals(okp.getCurve());
            default -> false;
        };
    }
}
