package com.example.jwt.nimbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier's JWKS fetch has one deadline and a size cap, a key is used only as its JWK allows, and a validly signed
 * hostile token is a 401, never anything else (until the contract has cases for these).
 */
class TokenVerifierTest {
    private final KeyPair key1 = rsa();
    private final KeyPair key2 = rsa();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile HttpHandler jwks = exchange -> send(exchange, "{\"keys\":[" + jwk("k1", key1, "") + "]}");
    private final HttpServer server = server();
    private final String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    private final String token = sign(key1, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", payload(""));

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aJwksThatDripsIsAnOutageForEveryWaitingRequestWithinTheTimeout() {
        jwks = exchange -> {
            exchange.sendResponseHeaders(200, 0); // the headers at once, then a byte every 100 ms for 10 s
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    body.write(' ');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the client went away
            }
        };
        TokenVerifier verifier = verifier(); // JWT_JWKS_TIMEOUT_MS=1000
        List<CompletableFuture<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                assertEquals(
                        503,
                        assertThrows(Rejection.class, () -> verifier.verify(token))
                                .status());
                return (System.nanoTime() - start) / 1_000_000;
            }));
        }
        for (CompletableFuture<Long> request : requests) {
            long millis = request.join();
            assertTrue(millis < 2000, "503 after " + millis + " ms; the bound is the timeout + 1 s");
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void aJwksOver512KiBIsAnOutage() throws Rejection {
        String keys = "{\"keys\":[" + jwk("k1", key1, "") + "],\"padding\":\"";
        jwks = exchange -> send(exchange, keys + "x".repeat(600 * 1024) + "\"}");
        assertEquals(
                503,
                assertThrows(Rejection.class, () -> verifier().verify(token)).status());
        jwks = exchange -> send(exchange, keys + "x".repeat(400 * 1024) + "\"}");
        verifier().verify(token);
    }

    @Test
    void aKeyIsUsedOnlyAsItsJwkAllows() throws Rejection {
        String kidless = sign(key1, "{\"alg\":\"RS256\"}", payload(""));
        String byKey2 = sign(key2, "{\"alg\":\"RS256\",\"kid\":\"k2\"}", payload(""));
        String fitting = ",\"alg\":\"RS256\",\"use\":\"sig\",\"key_ops\":[\"verify\"]";
        for (String unfit : List.of(",\"alg\":\"RS512\"", ",\"use\":\"enc\"", ",\"key_ops\":[\"sign\"]")) {
            String keys = jwk("k1", key1, fitting) + "," + jwk("k2", key2, unfit);
            jwks = exchange -> send(exchange, "{\"keys\":[" + keys + "]}");
            TokenVerifier verifier = verifier();
            verifier.verify(token); // a key whose alg, use and key_ops fit verifies
            assertEquals(
                    401,
                    assertThrows(Rejection.class, () -> verifier.verify(byKey2)).status(),
                    unfit);
            verifier.verify(kidless); // ... and is no second candidate for a token without kid
        }
    }

    @Test
    void hostileButSignedTokensAreRefusedAsInvalidNeverWithAnotherError() {
        TokenVerifier verifier = verifier();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String deepToken = sign(key1, "{\"alg\":\"RS256\"}", payload(",\"x\":" + deep));
        assertEquals(
                401,
                assertThrows(Rejection.class, () -> verifier.verify(deepToken)).status());
        for (String claims : List.of(
                ",\"big\":1e999999,\"long\":123456789012345678901234567890",
                ",\"aud\":{\"a\":1}",
                ",\"sub\":[[]]",
                ",\"iat\":\"yesterday\"")) {
            String hostile = sign(key1, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", payload(claims));
            assertEquals(
                    401,
                    assertThrows(Rejection.class, () -> verifier.verify(hostile))
                            .status(),
                    claims);
        }
    }

    private TokenVerifier verifier() {
        return new TokenVerifier(new VerifierSettings(
                Map.of(issuer, URI.create(issuer + "/jwks")),
                "api",
                Set.of("RS256"),
                Duration.ofSeconds(60),
                Duration.ofSeconds(300),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
    }

    private String payload(String extra) {
        String aud = extra.contains("\"aud\"") ? "" : ",\"aud\":\"api\"";
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"alice\",\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + aud + extra + "}";
    }

    private HttpServer server() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/jwks", exchange -> {
                fetches.incrementAndGet();
                jwks.handle(exchange);
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String jwk(String kid, KeyPair key, String extra) {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(rsa.getModulus())) + "\",\"e\":\""
                + b64(unsigned(rsa.getPublicExponent())) + "\"" + extra + "}";
    }

    private static String sign(KeyPair key, String header, String payload) {
        try {
            String input =
                    b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(rs256.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
