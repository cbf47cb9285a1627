package com.example.jwt.javalin;

import java.io.IOException;
import java.net.URI;
import java.security.Key;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * KEY-1..KEY-3, JWKS-2..JWKS-5, JWKS-7, JWKS-8: the key for a token, from the issuer's JWKS. The keys are
 * cached by jose4j's {@link HttpsJwks}: one fetch at a time, no refetch within its refresh reprieve (this rate-limits
 * unknown kids), and the old keys kept when a refetch fails. It replaces jose4j's
 * {@code HttpsJwksVerificationKeyResolver}, which takes the first of several fitting keys and reports an outage like an
 * unknown kid: this one accepts exactly ONE suitable key, and tells an outage (503) from an unknown kid (401).
 */
final class JwksKeys implements VerificationKeyResolver {
    /** No key could be had because the JWKS could not be fetched: the answer is 503, not 401. */
    static final class Unavailable extends UnresolvableKeyException {
        Unavailable() {
            super("JWKS unavailable");
        }
    }

    private final HttpsJwks jwks;
    private final JwksFetch fetch;
    private final Set<String> algorithms;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();

    JwksKeys(URI jwksUri, Set<String> algorithms, int cacheSeconds, int refreshMinSeconds, int timeoutMillis) {
        long refreshMinMillis = refreshMinSeconds * 1000L;
        this.algorithms = algorithms;
        fetch = new JwksFetch(timeoutMillis, refreshMinMillis);
        jwks = new HttpsJwks(jwksUri.toString());
        jwks.setSimpleHttpGet(fetch);
        jwks.setDefaultCacheDuration(cacheSeconds);
        // HttpsJwks applies this to EVERY refetch, also the one after the cache expires: capped by the cache time,
        // so that a removed key never outlives JWT_JWKS_CACHE_SECONDS.
        jwks.setRefreshReprieveThreshold(Math.min(refreshMinMillis, cacheSeconds * 1000L));
        // When the refetch after expiry fails, keep the cached keys and try again after the refresh interval.
        jwks.setRetainCacheOnErrorDuration(Math.max(1, refreshMinSeconds));
    }

    boolean lastFetchFailed() {
        return fetch.lastFetchFailed();
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nested) throws UnresolvableKeyException {
        // JWKS-8: what can be decided without keys is decided before any key is looked up (jose4j checks the
        // algorithm, crit and typ only after this), so such a token gets 401 even while the JWKS is down.
        if (!algorithms.contains(jws.getAlgorithmHeaderValue())
                || jws.getHeaders().getObjectHeaderValue("crit") != null
                || !TokenChecks.allowedType(jws.getHeaders().getObjectHeaderValue("typ"))) {
            throw new UnresolvableKeyException("refused without a key");
        }
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new UnresolvableKeyException("kid is not a string");
        }
        List<JsonWebKey> keys = cachedKeys();
        List<JsonWebKey> candidates = suitable(jws, keys);
        // An unknown kid may be a key rotated in since the last fetch. HttpsJwks rate-limits that refetch only while
        // it holds keys; an issuer serving an empty set would otherwise be fetched for every such token.
        if (candidates.isEmpty() && kid != null && !(keys.isEmpty() && fetch.succeededRecently())) {
            refresh();
            candidates = suitable(jws, cachedKeys());
        }
        if (candidates.isEmpty() && fetch.lastFetchFailed()) {
            throw new Unavailable();
        }
        if (candidates.size() != 1) {
            throw new UnresolvableKeyException("no single key fits the token");
        }
        return FastSignatures.key(candidates.get(0).getKey()); // speed only: without it, return the key itself
    }

    /**
     * The keys whose kid, type, curve and use fit the token's header (jose4j's selector), minus RSA keys under 2048
     * bits: jose4j would refuse to verify with them anyway, but they must not count as a second key for a kid-less
     * token.
     */
    private List<JsonWebKey> suitable(JsonWebSignature jws, List<JsonWebKey> keys) throws UnresolvableKeyException {
        try {
            return selector.selectList(jws, keys).stream()
                    .filter(key -> !isWeakRsa(key))
                    .toList();
        } catch (JoseException e) {
            throw new UnresolvableKeyException("no key fits the token");
        }
    }

    private static boolean isWeakRsa(JsonWebKey key) {
        return key instanceof RsaJsonWebKey rsa
                && rsa.getRsaPublicKey().getModulus().bitLength() < 2048;
    }

    private List<JsonWebKey> cachedKeys() throws Unavailable {
        try {
            return jwks.getJsonWebKeys();
        } catch (IOException | JoseException e) {
            throw new Unavailable();
        }
    }

    private void refresh() {
        try {
            jwks.refresh();
        } catch (IOException | JoseException e) {
            // recorded by JwksFetch; the cached keys stay
        }
    }
}
