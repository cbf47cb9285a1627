package com.example.jwt.spring;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * KEY-1, KEY-2, KEY-3, KEY-5, ALG-1, JWKS-2, JWKS-4, JWKS-5, JWKS-8: picks the one key that may verify a token,
 * from its issuer's JWKS ({@link JwksFetch}). Replaces the {@code JWSVerificationKeySelector} that
 * {@code NimbusJwtDecoder} builds, which skips Ed25519 (OKP) keys, hands every matching key to the verifier when the
 * token has no kid ("try every key"), and cannot tell a kid that is unknown from one whose keys could not be fetched.
 * This one matches by kid, key type, curve and use, takes a token without kid only when exactly one key fits (RSA
 * keys under 2048 bits never count), and throws {@link UnavailableException} (503) when no key fits because the JWKS
 * could not be fetched; an unknown kid gets no key (401).
 */
final class JwksKeys implements JWSKeySelector<SecurityContext> {
    private final JwksFetch jwks;
    private final Set<String> algorithms;
    private final SignatureVerifiers verifiers;

    JwksKeys(JwksFetch jwks, Set<String> algorithms, SignatureVerifiers verifiers) {
        this.jwks = jwks;
        this.algorithms = algorithms;
        this.verifiers = verifiers;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        JWSAlgorithm alg = header.getAlgorithm();
        // JWKS-8: a token refused for its algorithm or a crit header needs no key: it gets 401 even while the JWKS is
        // down (Nimbus checks crit only after choosing the key).
        if (!algorithms.contains(alg.getName()) || header.getCriticalParams() != null) {
            return List.of();
        }
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(alg))
                .keyUses(KeyUse.SIGNATURE, null)
                .curves(Curve.forJWSAlgorithm(alg));
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
        // RSA keys under 2048 bits never verify, so they do not count as a second key for a kid-less token
        keys = keys.stream()
                .filter(k -> !(k instanceof RSAKey rsa) || rsa.size() >= 2048)
                .toList();
        return keys.size() == 1 ? verifiers.javaKeys(keys.get(0)) : List.of(); // none, or several without kid
    }

    /** The JWKS could not be fetched and no cached key fits: 503, not 401 (see {@link BearerAnswers}). */
    static final class UnavailableException extends JwtException {
        UnavailableException() {
            super("JWKS unavailable");
        }
    }
}
