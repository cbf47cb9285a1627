package com.example.jwt.javalin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jose4j.http.Get;
import org.jose4j.http.Response;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * JWKS-1, JWKS-4, JWKS-6: the HTTP GET of the JWKS. It replaces jose4j's {@link Get} defaults:
 * <ul>
 *   <li>our connect and read timeouts, and no retries: {@link Get} retries 3 times, which would hold requests for many
 *       seconds while the JWKS is down;</li>
 *   <li>the response's {@code Cache-Control}/{@code Expires} are dropped, so that JWT_JWKS_CACHE_SECONDS alone decides
 *       how long keys are trusted ({@code HttpsJwks} would take the issuer's max-age over it);</li>
 *   <li>"200 but not a JWKS" counts as a failed fetch, and the outcome of the last fetch is recorded;</li>
 *   <li>after a failed fetch, no new attempt for JWT_JWKS_REFRESH_MIN_SECONDS: it fails at once. {@code HttpsJwks}
 *       lets every request that waited for a failed first fetch fetch again, one after the other: 200 requests during
 *       an outage would queue up 200 timeouts.</li>
 * </ul>
 */
final class JwksFetch extends Get {
    private static final System.Logger LOG = System.getLogger(JwksFetch.class.getName());

    private record Fetch(long endedNanos, boolean failed) {}

    private final long refreshMinNanos;
    private volatile Fetch last; // null until the first fetch

    JwksFetch(int timeoutMillis, long refreshMinMillis) {
        setConnectTimeout(timeoutMillis);
        setReadTimeout(timeoutMillis);
        setRetries(0);
        refreshMinNanos = refreshMinMillis * 1_000_000L;
    }

    boolean lastFetchFailed() {
        Fetch f = last;
        return f != null && f.failed();
    }

    boolean succeededRecently() {
        Fetch f = last;
        return f != null && !f.failed() && System.nanoTime() - f.endedNanos() < refreshMinNanos;
    }

    @Override
    public SimpleResponse get(String location) throws IOException {
        Fetch previous = last;
        if (previous != null && previous.failed() && System.nanoTime() - previous.endedNanos() < refreshMinNanos) {
            throw new IOException("the last JWKS fetch failed; not trying again yet");
        }
        try {
            SimpleResponse response = super.get(location);
            new JsonWebKeySet(response.getBody()); // throws if the body is not a JWKS
            last = new Fetch(System.nanoTime(), false);
            Map<String, List<String>> noCachingHeaders = Map.of();
            return new Response(
                    response.getStatusCode(), response.getStatusMessage(), noCachingHeaders, response.getBody());
        } catch (IOException | JoseException | RuntimeException e) {
            last = new Fetch(System.nanoTime(), true);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "JWKS fetch from {0} failed: {1}",
                    location,
                    e.getClass().getSimpleName());
            throw e instanceof IOException io ? io : new IOException("not a JWKS");
        }
    }
}
