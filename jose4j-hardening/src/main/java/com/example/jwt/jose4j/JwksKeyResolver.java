package com.example.jwt.jose4j;

import java.net.URI;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The one key that may verify a token, from one issuer's JWKS, and the whole policy of when that JWKS is fetched:
 * <ul>
 *   <li>one fetch at a time: requests that need keys while a fetch runs wait for that fetch;</li>
 *   <li>a fetched set is used for JWT_JWKS_CACHE_SECONDS, whatever Cache-Control the issuer sends, then fetched again
 *       (a removed key stops working);</li>
 *   <li>an unknown kid (perhaps a key rotated in) fetches again, at most once per JWT_JWKS_REFRESH_MIN_SECONDS, or per
 *       cache time when that is shorter;</li>
 *   <li>a failed fetch keeps the keys already held, and for JWT_JWKS_REFRESH_MIN_SECONDS no fetch is tried: an outage
 *       costs one timeout, not one per waiting request;</li>
 *   <li>no key for a token because the JWKS could not be fetched is an outage ({@link Unavailable}: 503), not an
 *       unknown kid (401);</li>
 *   <li>only the usable members of a set are held ({@link JwksMembers}); the skipped ones are logged once, at
 *       WARNING, when they differ from the last fetch's, never per request.</li>
 * </ul>
 * A key is a candidate when its kid (if the token has one), type and curve fit, and its own {@code alg}, {@code use}
 * and {@code key_ops} allow verifying this token. The token is verified only when
 * exactly one candidate is left: no "first key", no "try every key".
 *
 * <p>It replaces jose4j's {@code HttpsJwks} and {@code HttpsJwksVerificationKeyResolver}: these take the issuer's
 * max-age over the cache time, let every request that waited for a failed fetch fetch again, take the first of
 * several fitting keys, ignore a key's own {@code alg} and {@code key_ops} unless several keys fit, and report an
 * outage like an unknown kid. Nothing is fetched before the first token.
 *
 * <p>Contract: KEY-1..KEY-3, KEY-5, KEY-7, JWKS-1..JWKS-7, JWKS-9.
 */
public final class JwksKeyResolver implements VerificationKeyResolver {
    private static final System.Logger LOG = System.getLogger(JwksKeyResolver.class.getName());

    /** No key could be had because the JWKS could not be fetched: the answer is 503, not 401. */
    public static final class Unavailable extends UnresolvableKeyException {
        Unavailable() {
            super("JWKS unavailable");
        }
    }

    /** The keys of the last successful fetch, and when it ended. */
    private record Fetched(List<JsonWebKey> keys, long atNanos) {}

    private final URI jwksUri;
    private final JwksFetch fetch;
    private final long cacheNanos;
    private final long refreshMinNanos;
    private final long unknownKidGapNanos;
    private final long waitNanos;

    // All state below is read and written under this lock, never held during a fetch.
    private final Object lock = new Object();
    private Fetched fetched; // null until a fetch succeeds
    private List<String> lastSkipped = List.of();
    private long lastStartNanos;
    private boolean lastFailed;
    private long lastFailedNanos;
    private CompletableFuture<Void> inFlight;

    public JwksKeyResolver(URI jwksUri, Duration cache, Duration refreshMin, Duration timeout) {
        this.jwksUri = jwksUri;
        fetch = new JwksFetch(jwksUri, timeout);
        cacheNanos = cache.toNanos();
        refreshMinNanos = refreshMin.toNanos();
        unknownKidGapNanos = Math.min(refreshMinNanos, cacheNanos);
        waitNanos = timeout.plusMillis(500).toNanos(); // the fetch ends by its timeout; this is only a backstop
    }

    /** Whether the last fetch failed (for a health check). */
    public boolean lastFetchFailed() {
        synchronized (lock) {
            return lastFailed;
        }
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nested) throws UnresolvableKeyException {
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        String alg = jws.getAlgorithmHeaderValue();
        List<JsonWebKey> candidates = candidates(keys(false), kid, alg);
        if (candidates.isEmpty() && kid != null) {
            candidates = candidates(keys(true), kid, alg); // an unknown kid may be a key rotated in since
        }
        if (candidates.isEmpty() && lastFetchFailed()) {
            throw new Unavailable();
        }
        if (candidates.size() != 1) {
            throw new UnresolvableKeyException("no single key fits the token");
        }
        return candidates.get(0).getKey();
    }

    /**
     * The keys, fetched first when none are held, when they are older than the cache time or, for an unknown kid,
     * when the last fetch started longer ago than the refresh interval. Never while failing fast after a failure.
     */
    private List<JsonWebKey> keys(boolean unknownKid) throws Unavailable {
        CompletableFuture<Void> wait = null;
        synchronized (lock) {
            long now = System.nanoTime();
            boolean due = fetched == null
                    || now - fetched.atNanos() >= cacheNanos
                    || unknownKid && now - lastStartNanos >= unknownKidGapNanos;
            boolean failingFast = lastFailed && now - lastFailedNanos < refreshMinNanos;
            if (inFlight != null) {
                wait = inFlight;
            } else if (due && !failingFast) {
                lastStartNanos = now;
                wait = fetch.keys().handle(this::record);
                inFlight = wait.isDone() ? null : wait;
            }
        }
        if (wait != null) {
            await(wait);
        }
        synchronized (lock) {
            if (fetched == null) {
                throw new Unavailable();
            }
            return fetched.keys();
        }
    }

    private Void record(JwksMembers members, Throwable error) {
        synchronized (lock) {
            long now = System.nanoTime();
            if (error == null) {
                fetched = new Fetched(members.usable(), now);
                lastFailed = false;
                if (!members.skipped().equals(lastSkipped) && !members.skipped().isEmpty()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "JWKS from {0}: {1} member(s) skipped: {2}",
                            jwksUri,
                            members.skipped().size(),
                            String.join("; ", members.skipped()));
                }
                lastSkipped = members.skipped();
            } else {
                lastFailed = true;
                lastFailedNanos = now;
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "JWKS fetch from {0} failed: {1}",
                        jwksUri,
                        cause.getClass().getSimpleName());
            }
            inFlight = null;
            return null;
        }
    }

    private void await(CompletableFuture<Void> fetching) {
        try {
            fetching.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // recorded by record(), or the fetch outlived its own deadline: the keys held (if any) are used
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<JsonWebKey> candidates(List<JsonWebKey> keys, Object kid, String alg) {
        return keys.stream()
                .filter(key -> (kid == null || kid.equals(key.getKeyId())) && mayVerify(key, alg))
                .toList();
    }

    /**
     * Whether the key may verify a token of this alg: its type and curve fit the alg (EdDSA: Ed25519 only), and
     * what the JWK says of itself allows it: {@code alg} absent or this alg, {@code use} absent or {@code sig},
     * {@code key_ops} absent or including {@code verify} (RFC 7517 §4.2 to §4.4, RFC 8725 §3.1).
     */
    static boolean mayVerify(JsonWebKey key, String alg) {
        boolean fits = switch (key) {
            case RsaJsonWebKey rsa -> alg.startsWith("RS") || alg.startsWith("PS"); // size and e: JwksMembers
            case EllipticCurveJsonWebKey ec ->
                switch (alg) {
                    case "ES256" -> "P-256".equals(ec.getCurveName());
                    case "ES384" -> "P-384".equals(ec.getCurveName());
                    case "ES512" -> "P-521".equals(ec.getCurveName());
                    default -> false;
                };
            case OctetKeyPairJsonWebKey okp -> alg.equals("EdDSA") && "Ed25519".equals(okp.getSubtype());
            default -> false;
        };
        return fits
                && (key.getAlgorithm() == null || key.getAlgorithm().equals(alg))
                && (key.getUse() == null || key.getUse().equals("sig"))
                && (key.getKeyOps() == null || key.getKeyOps().contains("verify"));
    }
}
