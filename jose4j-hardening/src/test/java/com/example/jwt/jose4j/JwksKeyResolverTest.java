package com.example.jwt.jose4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetch's whole deadline and size cap, a key's own alg, use and key_ops, and skipped members logged once. */
class JwksKeyResolverTest {
    private final TestIssuer issuer = new TestIssuer();
    private final String token = TestIssuer.sign(issuer.key1, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", issuer.payload(""));

    JwksKeyResolverTest() throws Exception {}

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void aJwksThatDripsIsAnOutageForEveryWaitingRequestWithinTheTimeout() throws Exception {
        issuer.jwks = exchange -> {
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
        TokenVerifier verifier = new TokenVerifier(issuer.settings()); // JWT_JWKS_TIMEOUT_MS=1000
        List<CompletableFuture<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                assertEquals(503, statusOf(verifier, token));
                return (System.nanoTime() - start) / 1_000_000;
            }));
        }
        for (CompletableFuture<Long> request : requests) {
            long millis = request.join();
            assertTrue(millis < 2000, "503 after " + millis + " ms; the bound is the timeout + 1 s");
        }
        assertEquals(1, issuer.fetches.get());
        assertTrue(verifier.jwksFetchFailing(), "the fetch itself ended at its deadline, not the body's end");
    }

    @Test
    void aJwksOver512KiBIsAnOutage() throws Exception {
        String key = TestIssuer.jwk("k1", issuer.key1, "");
        issuer.jwks = exchange ->
                TestIssuer.send(exchange, "{\"keys\":[" + key + "],\"padding\":\"" + "x".repeat(600 * 1024) + "\"}");
        assertEquals(503, statusOf(new TokenVerifier(issuer.settings()), token));
        issuer.jwks = exchange ->
                TestIssuer.send(exchange, "{\"keys\":[" + key + "],\"padding\":\"" + "x".repeat(400 * 1024) + "\"}");
        assertEquals(200, statusOf(new TokenVerifier(issuer.settings()), token));
    }

    @Test
    void aKeyIsUsedOnlyAsItsJwkAllows() throws Exception {
        String kidless = TestIssuer.sign(issuer.key1, "{\"alg\":\"RS256\"}", issuer.payload(""));
        String byKey2 = TestIssuer.sign(issuer.key2, "{\"alg\":\"RS256\",\"kid\":\"k2\"}", issuer.payload(""));
        String fitting = ",\"alg\":\"RS256\",\"use\":\"sig\",\"key_ops\":[\"verify\"]";
        for (String unfit : List.of(",\"alg\":\"RS512\"", ",\"use\":\"enc\"", ",\"key_ops\":[\"sign\"]")) {
            String keys = TestIssuer.jwk("k1", issuer.key1, fitting) + "," + TestIssuer.jwk("k2", issuer.key2, unfit);
            issuer.jwks = exchange -> TestIssuer.send(exchange, "{\"keys\":[" + keys + "]}");
            TokenVerifier verifier = new TokenVerifier(issuer.settings());
            assertEquals(200, statusOf(verifier, token), "a key whose alg, use and key_ops fit verifies");
            assertEquals(401, statusOf(verifier, byKey2), "a key with " + unfit + " never verifies");
            assertEquals(200, statusOf(verifier, kidless), "a key with " + unfit + " is no second candidate");
        }
    }

    @Test
    void aSkippedMemberIsLoggedOncePerChangeOfTheSetNotPerRequest() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(JwksKeyResolver.class.getName());
        logger.addHandler(capture);
        try {
            String good = TestIssuer.jwk("k1", issuer.key1, "");
            String weak = TestIssuer.jwk("k2", issuer.key2, "").replaceFirst("\"e\":\"[^\"]*\"", "\"e\":\"Aw\"");
            issuer.jwks = exchange -> TestIssuer.send(exchange, "{\"keys\":[" + good + "," + weak + "]}");
            TokenVerifier verifier = new TokenVerifier(issuer.settings(Duration.ZERO)); // every token fetches the set
            for (int i = 0; i < 3; i++) {
                assertEquals(200, statusOf(verifier, token));
            }
            assertEquals(3, issuer.fetches.get());
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).startsWith("WARNING ") && lines.get(0).contains("kid \"k2\""), lines.get(0));
            String n2 =
                    TestIssuer.jwk("k2", issuer.key2, "").split("\"n\":\"")[1].substring(0, 40);
            assertFalse(lines.get(0).contains(n2), "no key material in the log");

            issuer.jwks = exchange -> TestIssuer.send(exchange, "{\"keys\":[" + good + ",{\"kty\":\"oct\"}]}");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, statusOf(verifier, token));
            }
            assertEquals(2, lines.size(), "a changed set is logged once more: " + String.join("\n", lines));
        } finally {
            logger.removeHandler(capture);
        }
    }

    /** 200 when the token verifies, else the status of the answer. */
    static int statusOf(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return 200;
        } catch (Rejection rejection) {
            return rejection.status();
        }
    }
}
