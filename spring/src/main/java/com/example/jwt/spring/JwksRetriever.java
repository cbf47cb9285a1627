package com.example.jwt.spring;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How one issuer's JWKS is fetched and kept: Nimbus's {@link JWKSourceBuilder} source, with the cache time of
 * JWT_JWKS_CACHE_SECONDS whatever Cache-Control the issuer sends, one fetch at a time, a refetch limit, outage
 * tolerance (a failed refresh keeps the keys it has), no retries, and nothing fetched before the first token. Its
 * {@link ResourceRetriever} is this class:
 * <ul>
 *   <li>one deadline, JWT_JWKS_TIMEOUT_MS, for the whole GET: connecting, the headers and the body to its end, and at
 *       most 512 KiB of body. Nimbus's {@code DefaultResourceRetriever} has a connect and a per-read timeout only, so
 *       an issuer that drips the body a byte at a time held every waiting request for as long as it dripped;</li>
 *   <li>it records whether the last fetch gave a usable JWKS ("200 but not a JWKS" is an outage too), which is how
 *       {@link JwksKeySelector} tells an outage (503) from an unknown kid (401);</li>
 *   <li>it hands Nimbus only the members {@link JwksMembers} finds usable, so one bad member is not an outage;</li>
 *   <li>after a failed fetch, it fails at once for JWT_JWKS_REFRESH_MIN_SECONDS: requests that waited for it would
 *       otherwise each try again, one after the other, and answer long after the timeout;</li>
 *   <li>it fetches at most once per refresh interval (or cache time, if shorter). Nimbus's rate limiter lets two
 *       refetches through per interval, which under steady traffic with unknown kids fetched the JWKS in pairs a few
 *       milliseconds apart; the second caller gets the set the first fetched.</li>
 * </ul>
 * It replaces the key source of {@code NimbusJwtDecoder.withJwkSetUri} (the one Boot builds from
 * {@code jwk-set-uri}), which refetches for every unknown kid (spring-security#19643) and has no timeouts.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: KEY-5, JWKS-1..JWKS-7, JWKS-9.
 */
final class JwksRetriever implements ResourceRetriever {
    static final int MAX_BODY_BYTES = 512 * 1024;

    final JWKSource<SecurityContext> source;
    private final HttpClient client;
    private final JwksMembers members = new JwksMembers();
    private final Duration timeout;
    private final long refreshMinNanos;
    private final long minGapNanos;
    private volatile boolean lastFetchFailed;
    private volatile long lastFailureNanos;
    private volatile Fetched last; // the last good fetch, or null

    private record Fetched(long startNanos, Resource resource) {}

    JwksRetriever(URL jwksUri, JwtSettings settings) {
        timeout = settings.jwksTimeoutMs();
        client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        long cacheMillis = settings.jwksCacheSeconds().toMillis();
        long refreshMinMillis = settings.jwksRefreshMinSeconds().toMillis();
        refreshMinNanos = refreshMinMillis * 1_000_000L;
        minGapNanos = (cacheMillis == 0 ? refreshMinMillis : Math.min(refreshMinMillis, cacheMillis)) * 1_000_000L;
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUri, this)
                .refreshAheadCache(false)
                .outageTolerantForever() // a failed refresh keeps the keys we have
                .retrying(false);
        if (cacheMillis == 0) {
            builder.cache(false);
        } else {
            builder.cache(cacheMillis, timeout.toMillis() + 1000L);
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
            Resource fetched = get(url);
            // "200 but not a JWKS" is an outage too; a member that cannot be used is dropped, not the whole set
            Resource resource = new Resource(members.usable(fetched.getContent()), fetched.getContentType());
            last = new Fetched(start, resource);
            lastFetchFailed = false;
            return resource;
        } catch (IOException | ParseException | RuntimeException e) {
            lastFailureNanos = System.nanoTime();
            lastFetchFailed = true;
            throw e instanceof IOException io ? io : new IOException("not a JWKS");
        }
    }

    /** The body of a 200, or an IOException; within the timeout whatever the issuer does. */
    private Resource get(URL url) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI())
                    .header("Accept", "application/json")
                    .timeout(timeout)
                    .build();
        } catch (URISyntaxException e) {
            throw new IOException("not a URI", e);
        }
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, JwksRetriever::cappedBody);
        try {
            HttpResponse<String> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode());
            }
            return new Resource(
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (TimeoutException e) {
            throw new IOException("no whole JWKS within JWT_JWKS_TIMEOUT_MS");
        } catch (ExecutionException e) {
            throw new IOException("JWKS fetch failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            call.cancel(true); // a timed-out call stops reading
        }
    }

    /** The body as text, or a failure once it passes {@link #MAX_BODY_BYTES}. */
    private static HttpResponse.BodySubscriber<String> cappedBody(HttpResponse.ResponseInfo info) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<String> body = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<String> getBody() {
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
                    if (body.isDone() || bytes.size() + buffer.remaining() > MAX_BODY_BYTES) {
                        body.completeExceptionally(new IOException("JWKS larger than " + MAX_BODY_BYTES + " bytes"));
                        subscription.cancel();
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable error) {
                body.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        };
    }
}
