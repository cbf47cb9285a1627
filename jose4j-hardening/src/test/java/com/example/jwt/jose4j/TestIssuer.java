package com.example.jwt.jose4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An issuer for the module's own tests: two RSA keys, a JWKS endpoint that answers what a test sets, raw signing. */
final class TestIssuer implements AutoCloseable {
    static final String AUDIENCE = "https://api.example.com";
    final KeyPair key1 = rsa();
    final KeyPair key2 = rsa();
    final AtomicInteger fetches = new AtomicInteger();
    volatile HttpHandler jwks = exchange -> send(exchange, "{\"keys\":[" + jwk("k1", key1, "") + "]}");

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    TestIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            jwks.handle(exchange);
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings for a verifier of this issuer: RS256, aud {@link #AUDIENCE}, a 1 s JWKS timeout, else the defaults. */
    VerifierSettings settings() {
        return settings(Duration.ofSeconds(300));
    }

    /** The same settings with this JWKS cache time (zero: every token fetches the set). */
    VerifierSettings settings(Duration jwksCache) {
        return new VerifierSettings(
                Map.of(issuer(), URI.create(issuer() + "/jwks")),
                VerifierSettings.audience(AUDIENCE, null),
                Set.of("RS256"),
                Duration.ofSeconds(60),
                jwksCache,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1));
    }

    /** A public RSA JWK with these extra members (",\"alg\":\"RS256\"" and the like). */
    static String jwk(String kid, KeyPair key, String extra) {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(rsa.getModulus())) + "\",\"e\":\""
                + b64(unsigned(rsa.getPublicExponent())) + "\"" + extra + "}";
    }

    /** An RS256 token over these exact header and payload bytes, signed with the key. */
    static String sign(KeyPair key, String header, String payload) throws GeneralSecurityException {
        String input =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key.getPrivate());
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rs256.sign());
    }

    /** A payload this issuer's verifier accepts, with these extra members (the aud expected unless they have one). */
    String payload(String extra) {
        long now = Instant.now().getEpochSecond();
        String aud = extra.contains("\"aud\"") ? "" : ",\"aud\":\"" + AUDIENCE + "\"";
        return "{\"iss\":\"" + issuer() + "\",\"sub\":\"alice\",\"exp\":" + (now + 300) + aud + extra + "}";
    }

    static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
