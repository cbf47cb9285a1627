package com.example.jwt.nimbus;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * How one issuer's JWKS is fetched and kept. It replaces the frameworks' key sources: Spring's
 * {@code NimbusJwtDecoder.withJwkSetUri} (Nimbus's {@code JWKSourceBuilder}: a refetch for every unknown kid,
 * spring-security#19643, and no whole-call deadline; Nimbus's {@code DefaultResourceRetriever} has a connect and a
 * per-read timeout only), and Micronaut Security's {@code JwkSetFetcher} and {@code JwksClient}: a set cached 60 s,
 * never refetched for an unknown kid, dropped when a refetch fails, an outage reported like an empty set (401), and a
 * fetch bounded by the HTTP client's 10 s read timeout. Here:
 * <ul>
 *   <li>JWKS-1: a fetched set is used for JWT_JWKS_CACHE_SECONDS, whatever Cache-Control the issuer sends;</li>
 *   <li>JWKS-2, JWKS-7: a refetch for an unknown kid at most once per JWT_JWKS_REFRESH_MIN_SECONDS (or the cache
 *       time, if shorter): no two fetches closer than that, also when one is the cache expiring;</li>
 *   <li>JWKS-3: one fetch at a time; whoever needs the keys meanwhile waits for that one;</li>
 *   <li>JWKS-4, JWKS-9: JWT_JWKS_TIMEOUT_MS bounds the whole fetch (connect, headers, the body to its end, 512 KiB at
 *       most), no retries; an error status or "200 but not a JWKS" is an outage too (a member that cannot be used
 *       is skipped: {@link JwksMembers}); after a failure, the next fetch waits for the refresh interval, so an
 *       outage costs one timeout, not one per request;</li>
 *   <li>JWKS-5: a failed refetch keeps the keys it had; JWKS-6: nothing is fetched before the first token.</li>
 * </ul>
 * The JDK's HTTP client fetches asynchronously: no thread of the server (Micronaut's Netty event loop, say) waits
 * for the issuer.
 *
 * <p>Contract: JWKS-1, JWKS-2, JWKS-3, JWKS-4, JWKS-5, JWKS-6, JWKS-7, JWKS-9.
 */
final class JwksFetch {
    private static final int MAX_BYTES = 512 * 1024;

    /** A key set and whether the fetch that should have renewed it failed (then a missing kid means 503). */
    record Keys(JWKSet set, boolean stale) {}

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final long cacheNanos;
    private final long minGapNanos;
    private final JwksMembers members;
    private Keys last; // the last good set, or null; guarded by this
    private long lastFetchNanos; // start of the last fetch, good or not
    private boolean fetched; // whether there was a fetch at all
    private CompletableFuture<Keys> inFlight; // the fetch under way, or null

    JwksFetch(HttpClient client, URI uri, VerifierSettings settings) {
        this.client = client;
        this.uri = uri;
        this.members = new JwksMembers(uri.toString());
        this.timeout = settings.jwksTimeout();
        this.cacheNanos = settings.jwksCache().toNanos();
        long refreshMin = settings.jwksRefreshMin().toNanos();
        this.minGapNanos = cacheNanos == 0 ? refreshMin : Math.min(refreshMin, cacheNanos);
    }

    /** The keys: the cached set while it is fresh; else a fetch (or the one under way). */
    synchronized CompletableFuture<Keys> keys() {
        if (last != null && System.nanoTime() - lastFetchNanos < cacheNanos && !last.stale()) {
            return CompletableFuture.completedFuture(last);
        }
        return fetchIfAllowed();
    }

    /** For a kid the set does not hold: a fetch, if the refresh interval allows one; else the set as it is. */
    synchronized CompletableFuture<Keys> refreshed() {
        return fetchIfAllowed();
    }

    private CompletableFuture<Keys> fetchIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (fetched && now - lastFetchNanos < minGapNanos) {
            return last != null
                    ? CompletableFuture.completedFuture(last)
                    : CompletableFuture.failedFuture(new JwksKeySelector.Unavailable());
        }
        fetched = true;
        lastFetchNanos = now;
        CompletableFuture<Keys> fetch = fetch().handle(this::fetchDone);
        if (!fetch.isDone()) {
            inFlight = fetch;
        }
        return fetch;
    }

    private synchronized Keys fetchDone(JWKSet set, Throwable failure) {
        inFlight = null;
        if (set != null) {
            last = new Keys(set, false);
        } else if (last != null) {
            last = new Keys(last.set(), true); // JWKS-5: keep the keys, and remember that they are not renewed
        } else {
            throw new JwksKeySelector.Unavailable();
        }
        return last;
    }

    private CompletableFuture<JWKSet> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, JwksFetch::capped);
        CompletableFuture<JWKSet> set = response.thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + r.statusCode());
            }
            try {
                return members.usable(new String(r.body(), StandardCharsets.UTF_8)); // KEY-5: bad members skipped
            } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
                throw new IllegalStateException("not a JWKS");
            }
        });
        // the whole fetch, body included, within the timeout; a late one is abandoned
        return set.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((s, e) -> {
            if (e != null) {
                response.cancel(true);
            }
        });
    }

    /** The body, at most {@link #MAX_BYTES}; a longer one fails the fetch. */
    private static HttpResponse.BodySubscriber<byte[]> capped(HttpResponse.ResponseInfo info) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer buffer : buffers) {
                    if (bytes.size() + buffer.remaining() > MAX_BYTES) {
                        subscription.cancel();
                        body.completeExceptionally(new IllegalStateException("JWKS too large"));
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                body.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toByteArray());
            }
        };
    }
}
