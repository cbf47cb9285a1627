package com.example.jwt.spring;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The decoder's JWKS fetch has one deadline and a size cap, a key is used only as its JWK allows, and a validly signed
 * hostile token is a 401 (a {@link BadJwtException}), never anything else (until the contract has cases for these).
 */
class JwtDecoderConfigurationTest {
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
        JwtDecoder decoder = decoder(); // JWT_JWKS_TIMEOUT_MS=1000
        List<CompletableFuture<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                assertTrue(unavailable(assertThrows(JwtException.class, () -> decoder.decode(token))));
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
    void aJwksOver512KiBIsAnOutage() {
        String keys = "{\"keys\":[" + jwk("k1", key1, "") + "],\"padding\":\"";
        jwks = exchange -> send(exchange, keys + "x".repeat(600 * 1024) + "\"}");
        assertTrue(unavailable(assertThrows(JwtException.class, () -> decoder().decode(token))));
        jwks = exchange -> send(exchange, keys + "x".repeat(400 * 1024) + "\"}");
        decoder().decode(token);
    }

    @Test
    void aKeyIsUsedOnlyAsItsJwkAllows() {
        String kidless = sign(key1, "{\"alg\":\"RS256\"}", payload(""));
        String byKey2 = sign(key2, "{\"alg\":\"RS256\",\"kid\":\"k2\"}", payload(""));
        String fitting = ",\"alg\":\"RS256\",\"use\":\"sig\",\"key_ops\":[\"verify\"]";
        for (String unfit : List.of(",\"alg\":\"RS512\"", ",\"use\":\"enc\"", ",\"key_ops\":[\"sign\"]")) {
            String keys = jwk("k1", key1, fitting) + "," + jwk("k2", key2, unfit);
            jwks = exchange -> send(exchange, "{\"keys\":[" + keys + "]}");
            JwtDecoder decoder = decoder();
            decoder.decode(token); // a key whose alg, use and key_ops fit verifies
            assertThrows(BadJwtException.class, () -> decoder.decode(byKey2), unfit + ": never verifies");
            decoder.decode(kidless); // ... and is no second candidate for a token without kid
        }
    }

    @Test
    void hostileButSignedTokensAreRefusedAsInvalidNeverWithAnotherError() {
        JwtDecoder decoder = decoder();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String deepToken = sign(key1, "{\"alg\":\"RS256\"}", payload(",\"x\":" + deep));
        assertThrows(BadJwtException.class, () -> decoder.decode(deepToken));
        for (String claims : List.of(
                ",\"big\":1e999999,\"long\":123456789012345678901234567890",
                ",\"aud\":{\"a\":1}",
                ",\"sub\":[[]]",
                ",\"iat\":\"yesterday\"")) {
            String hostile = sign(key1, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", payload(claims));
            assertThrows(BadJwtException.class, () -> decoder.decode(hostile), claims + ": refused with 401");
        }
        // Spring's authorities converter casts each scope to a String: only the strings of scp are kept
        String oddScopes = sign(key1, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", payload(",\"scp\":[1,\"a\",{},null]"));
        assertEquals(List.of("a"), decoder.decode(oddScopes).getClaims().get("scp"));
    }

    private JwtDecoder decoder() {
        OAuth2ResourceServerProperties properties = new OAuth2ResourceServerProperties();
        properties.getJwt().setIssuerUri(issuer);
        properties.getJwt().setJwkSetUri(issuer + "/jwks");
        properties.getJwt().setJwsAlgorithms(List.of("RS256"));
        properties.getJwt().setAudiences(List.of("api"));
        JwtSettings settings = new JwtSettings(
                Duration.ofSeconds(60),
                Duration.ofSeconds(300),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                null,
                null,
                null);
        return new JwtDecoderConfiguration().jwtDecoder(properties, settings);
    }

    private static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JwksKeySelector.UnavailableException) {
                return true;
            }
        }
        return false;
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
