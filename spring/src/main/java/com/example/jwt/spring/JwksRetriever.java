package com.example.jwt.spring;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.URL;

/**
 * JWKS-1, JWKS-2, JWKS-3, JWKS-4, JWKS-5, JWKS-6, JWKS-7: how one issuer's JWKS is fetched and kept. Replaces the key
 * source of {@code NimbusJwtDecoder.withJwkSetUri} (the one Boot builds from {@code jwk-set-uri}), which refetches for
 * every unknown kid (spring-security#19643) and has no timeouts, with Nimbus's {@link JWKSourceBuilder}: the cache time
 * of JWT_JWKS_CACHE_SECONDS whatever Cache-Control the issuer sends, one fetch at a time, a refetch limit, outage
 * tolerance (a failed refresh keeps the keys it has), no retries, and nothing fetched before the first token.
 *
 * <p>Its retriever is Nimbus's {@link DefaultResourceRetriever} with JWT_JWKS_TIMEOUT_MS, which also
 * <ul>
 *   <li>records whether the last fetch gave a usable JWKS ("200 but not a JWKS" is an outage too), which is how
 *       {@link JwksKeys} tells an outage (503) from an unknown kid (401);</li>
 *   <li>JWKS-4: fails at once for JWT_JWKS_REFRESH_MIN_SECONDS after a failed fetch: requests that waited for it would
 *       otherwise each try again, one after the other, and answer long after the timeout;</li>
 *   <li>JWKS-7: fetches at most once per refresh interval (or cache time, if shorter). Nimbus's rate limiter lets two
 *       refetches through per interval, which under steady traffic with unknown kids fetched the JWKS in pairs a few
 *       milliseconds apart; the second caller gets the set the first fetched.</li>
 * </ul>
 */
final class JwksFetch extends DefaultResourceRetriever {
    final JWKSource<SecurityContext> source;
    private final long refreshMinNanos;
    private final long minGapNanos;
    private volatile boolean lastFetchFailed;
    private volatile long lastFailureNanos;
    private volatile Fetched last; // the last good fetch, or null

    private record Fetched(long startNanos, Resource resource) {}

    JwksFetch(URL jwksUri, JwtSettings settings) {
        super(settings.jwksTimeoutMillis(), settings.jwksTimeoutMillis(), 512 * 1024);
        long cacheMillis = settings.jwksCache().toMillis();
        long refreshMinMillis = settings.jwksRefreshMin().toMillis();
        refreshMinNanos = refreshMinMillis * 1_000_000L;
        minGapNanos = (cacheMillis == 0 ? refreshMinMillis : Math.min(refreshMinMillis, cacheMillis)) * 1_000_000L;
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUri, this)
                .refreshAheadCache(false)
                .outageTolerantForever() // a failed refresh keeps the keys we have
                .retrying(false);
        if (cacheMillis == 0) {
            builder.cache(false);
        } else {
            builder.cache(cacheMillis, settings.jwksTimeoutMillis() + 1000L);
        }
        // Nimbus wants the rate limit under the cache time; when it is not, the cache time bounds refetches anyway.
        long rateLimit = cacheMillis == 0 ? refreshMinMillis : Math.min(refreshMinMillis, cacheMillis - 1);
        if (rateLimit > 0) {
            builder.rateLimited(rateLimit);
        } else {
            builder.rateLimited(false);
        }
        source = builder.build();
    }

    /** Whether the last fetch failed: then a kid with no key means the keys are unavailable, not unknown. */
    boolean lastFetchFailed() {
        return lastFetchFailed;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        long start = System.nanoTime();
        if (lastFetchFailed && start - lastFailureNanos < refreshMinNanos) {
            throw new IOException("the last JWKS fetch failed; not trying again yet");
        }
        Fetched previous = last;
        if (!lastFetchFailed && previous != null && start - previous.startNanos() < minGapNanos) {
            return previous.resource();
        }
        try {
            Resource resource = super.retrieveResource(url);
            JWKSet.parse(resource.getContent()); // "200 but not a JWKS" is an outage too
            last = new Fetched(start, resource);
            lastFetchFailed = false;
            return resource;
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            lastFailureNanos = System.nanoTime();
            lastFetchFailed = true;
            throw e instanceof IOException io ? io : new IOException("not a JWKS");
        }
    }
}
