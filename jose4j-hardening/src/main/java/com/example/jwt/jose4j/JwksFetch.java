package com.example.jwt.jose4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * One GET of a JWKS, with no policy of its own ({@link JwksKeyResolver} decides when to fetch). It replaces jose4j's
 * {@code Get}, which has a connect and a per-read timeout and retries 3 times: an issuer that sends its headers at
 * once and then the body a byte at a time held every waiting request for as long as it dripped. Here:
 * <ul>
 *   <li>one deadline for the whole call, connecting, the headers and the body to its end;</li>
 *   <li>at most 512 KiB of body, no retries, no redirect from https to http;</li>
 *   <li>anything but a 200 with a JWKS body is a failure ("200 but not a JWKS" too);</li>
 *   <li>the members are judged one by one ({@link JwksMembers}): an unusable member is skipped, not a failure.</li>
 * </ul>
 *
 * <p>Contract: JWKS-4, JWKS-6, JWKS-9, KEY-5.
 */
final class JwksFetch {
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final HttpClient client;
    private final HttpRequest request;
    private final Duration timeout;

    JwksFetch(URI jwksUri, Duration timeout) {
        this.timeout = timeout;
        client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        request = HttpRequest.newBuilder(jwksUri)
                .header("Accept", "application/json")
                .timeout(timeout)
                .GET()
                .build();
    }

    /** The members of the set; completes, exceptionally on any failure, within the timeout whatever the issuer does. */
    CompletableFuture<JwksMembers> keys() {
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, JwksFetch::cappedBody);
        return call.thenApply(JwksFetch::keySet)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((keys, error) -> call.cancel(true)); // a timed-out call stops reading
    }

    private static JwksMembers keySet(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        try {
            return JwksMembers.parse(response.body());
        } catch (Exception | StackOverflowError e) {
            throw new IllegalStateException("not a JWKS");
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
