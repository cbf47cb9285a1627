package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.awaitAccepted;
import static com.example.jwt.contract.Steps.expectFetches;
import static com.example.jwt.contract.Steps.rejects;

import com.example.jwt.issuer.Fault;
import com.example.jwt.issuer.SigningKey;
import com.example.jwt.issuer.Token;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * JWKS handling: JWKS-1 to JWKS-9 of CONTRACT.md. Where a case judges a race, the race is made deterministic (the
 * mock issuer holds a fetch until every concurrent request has been sent); where it judges time, the two behaviours
 * it tells apart are seconds apart, not milliseconds.
 */
final class JwksCases {
    /** Every answer that waits on a JWKS fetch must come within JWT_JWKS_TIMEOUT_MS + 1 s. */
    static final long BOUND = Target.JWKS_TIMEOUT_MS + 1000;

    private JwksCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("jwks");
        cases.add("JWKS-1.1", "the JWKS is cached: 30 requests with known kids cost one fetch", fresh(), t -> {
            for (int i = 0; i < 30; i++) {
                accepts(t, i % 2 == 0 ? t.issuer.token("RS256") : t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
            }
            expectFetches(t, 1, 1, "JWKS-1", "30 valid requests within the cache time");
        });
        cases.add(
                "JWKS-1.2",
                "a removed key stops working once the cache time has passed",
                fresh("JWT_JWKS_CACHE_SECONDS", "2", "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    expectRemovedKeyRejected(t, 2 + 1 + 5, "JWT_JWKS_CACHE_SECONDS=2");
                    accepts(t, t.issuer.token("RS256"));
                });
        cases.add(
                "JWKS-1.3",
                "a removed key stops working after the cache time even when it is shorter than the refresh "
                        + "interval and the issuer sends Cache-Control: max-age=86400",
                fresh("JWT_JWKS_CACHE_SECONDS", "2"),
                t -> expectRemovedKeyRejected(
                        t, 2 + 5, "JWT_JWKS_CACHE_SECONDS=2 (and the default refresh interval of 30 s)"));
        cases.add(
                "JWKS-2.1",
                "a new kid (key rotation) is accepted at the cost of one extra fetch",
                fresh("JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    int before = t.issuer.jwksFetches();
                    SigningKey next = t.issuer.rsa2.publishedAs("rsa-next", "use", "sig");
                    t.issuer.publish(next);
                    // Within JWT_JWKS_REFRESH_MIN_SECONDS of the first fetch the new kid may still be refused; after
                    // it, one refetch must bring it in.
                    awaitAccepted(
                            t,
                            () -> t.issuer.tokenSignedBy(next, "RS256"),
                            1 + 5,
                            "JWKS-2",
                            Consequence.REFUSES_VALID,
                            "a token of a key added to the JWKS");
                    accepts(t, t.issuer.tokenSignedBy(next, "RS256"));
                    accepts(t, t.issuer.token("RS256"));
                    int extra = t.issuer.jwksFetches() - before;
                    if (extra != 1) {
                        Expect.record(
                                "JWKS-2",
                                Consequence.FAILS_UNDER_FAULTS,
                                "a rotated-in kid must cost exactly one extra fetch; it cost " + extra);
                    }
                });
        cases.add("JWKS-2.2", "an unknown-kid flood costs at most one extra fetch per refresh interval", fresh(), t -> {
            accepts(t, t.issuer.token("RS256"));
            for (int i = 0; i < 20; i++) {
                rejects(t, t.issuer.tokenSignedBy(t.issuer.attacker, "RS256").header("kid", "flood-" + i));
            }
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tokens.add(t.issuer.tokenSignedBy(t.issuer.attacker, "RS256").header("kid", "burst-" + i));
            }
            List<Answer> answers = together(t, tokens);
            for (int i = 0; i < answers.size(); i++) {
                Expect.invalidToken(answers.get(i), tokens.get(i), tokens.get(i).compact());
            }
            expectFetches(t, 1, 2, "JWKS-2", "1 valid and 40 unknown-kid requests (JWT_JWKS_REFRESH_MIN_SECONDS=30)");
        });
        cases.add(
                "JWKS-2.3",
                "an issuer serving an empty key set is not refetched for every unknown kid",
                fresh(issuer -> issuer.fault(Fault.emptyKeySet())),
                t -> {
                    for (int i = 0; i < 20; i++) {
                        rejects(t, t.issuer.token("RS256").header("kid", "empty-" + i));
                    }
                    expectFetches(t, 1, 2, "JWKS-2", "20 unknown-kid requests against an empty key set");
                });
        cases.add(
                "JWKS-3.1",
                "200 concurrent first requests share one fetch",
                // The timeout is long here: this case judges sharing, and the issuer holds the fetch on purpose.
                fresh(issuer -> issuer.fault(Fault.hold()), "JWT_JWKS_TIMEOUT_MS", "10000"),
                t -> {
                    List<Token> tokens = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        tokens.add(
                                i % 2 == 0 ? t.issuer.token("RS256") : t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
                    }
                    // The issuer holds the first fetch until every request has been sent, and a little longer if no
                    // second fetch comes: an app that does not share its fetch is seen fetching again, every time.
                    List<Http.Pending> sent = new ArrayList<>();
                    for (Token tok : tokens) {
                        sent.add(t.http.sendRaw(
                                t.baseUri(), "GET", "/protected", "Authorization: Bearer " + tok.compact()));
                    }
                    t.issuer.awaitJwksRequests(2, Duration.ofSeconds(1));
                    t.issuer.release();
                    for (int i = 0; i < sent.size(); i++) {
                        Expect.accepted(sent.get(i).answer(), tokens.get(i));
                    }
                    expectFetches(t, 1, 1, "JWKS-3", "200 concurrent first requests");
                });
        cases.add(
                "JWKS-4.1",
                "20 concurrent requests while the JWKS hangs all get 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.hang())),
                t -> concurrentOutage(t, 20));
        cases.add(
                "JWKS-4.2",
                "an error status (500) with an empty cache answers 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.status(500))),
                JwksCases::outage);
        cases.add(
                "JWKS-4.3",
                "a hang (read timeout) with an empty cache answers 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.hang())),
                JwksCases::outage);
        cases.add(
                "JWKS-4.4",
                "a body that is not a JWKS with an empty cache answers 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.garbage())),
                JwksCases::outage);
        cases.add(
                "JWKS-4.5",
                "a refused connection with an empty cache answers 503 within the bound",
                fresh("JWT_JWKS_URI", "http://127.0.0.1:9/.well-known/jwks.json"),
                JwksCases::outage);
        cases.add(
                "JWKS-4.6",
                "an empty key set is a successful fetch: 401, not 503",
                fresh(issuer -> issuer.fault(Fault.emptyKeySet())),
                t -> rejects(t, t.issuer.token("RS256")));
        cases.add(
                "JWKS-5.1",
                "while the JWKS is down, cached keys keep working and unknown kids get 503",
                fresh("JWT_JWKS_CACHE_SECONDS", "1", "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
                    t.issuer.fault(Fault.status(500));
                    Thread.sleep(1500); // past JWT_JWKS_CACHE_SECONDS: the next request tries a refresh, which fails
                    for (int i = 0; i < 3; i++) {
                        cachedKeyWithin(t, t.issuer.token("RS256"));
                        cachedKeyWithin(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
                        Thread.sleep(600);
                    }
                    SigningKey next = t.issuer.ec1.publishedAs("ec-next");
                    Token unknown = t.issuer.tokenSignedBy(next, "ES256");
                    String c = unknown.compact();
                    Expect.unavailable(t.bearer(c), BOUND, Expect.secretsOf(unknown, c));
                    t.issuer.publish(next);
                    t.issuer.fault(Fault.none());
                    awaitAccepted(
                            t,
                            () -> t.issuer.tokenSignedBy(next, "ES256"),
                            1 + 1 + 5,
                            "JWKS-5",
                            Consequence.FAILS_UNDER_FAULTS,
                            "a new key after the JWKS came back");
                });
        cases.add(
                "JWKS-5.2",
                "after an outage at startup, the app recovers without a restart",
                fresh(issuer -> issuer.fault(Fault.status(503)), "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    Token tok = t.issuer.token("RS256");
                    String c = tok.compact();
                    Expect.unavailable(t.bearer(c), BOUND, Expect.secretsOf(tok, c));
                    t.issuer.fault(Fault.none());
                    awaitAccepted(
                            t,
                            () -> t.issuer.token("RS256"),
                            1 + 5,
                            "JWKS-5",
                            Consequence.FAILS_UNDER_FAULTS,
                            "a valid token after the JWKS came back");
                });
        cases.add(
                "JWKS-6.1",
                "a JWKS that hangs at startup does not stop the app",
                fresh(issuer -> issuer.fault(Fault.hang())),
                t -> {
                    Answer health = t.health();
                    if (health.status() != 200) {
                        Expect.record(
                                "JWKS-6",
                                Consequence.FAILS_UNDER_FAULTS,
                                "/health must answer 200 while the JWKS is down; got " + health.describe());
                    }
                    Token tok = t.issuer.token("RS256");
                    String c = tok.compact();
                    Expect.unavailable(t.bearer(c), BOUND, Expect.secretsOf(tok, c));
                });
        cases.add(
                "JWKS-7.1",
                "under steady traffic with unknown kids, refetches stay one per refresh interval",
                fresh("JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    int before = t.issuer.jwksFetches();
                    long seconds = 6;
                    steadyTraffic(t, Duration.ofSeconds(seconds), 10);
                    List<Long> times = t.issuer.jwksFetchTimes();
                    List<Long> window = times.subList(before, times.size());
                    if (window.size() > seconds + 2) {
                        Expect.record(
                                "JWKS-7",
                                Consequence.FAILS_UNDER_FAULTS,
                                seconds + " s of traffic with unknown kids (JWT_JWKS_REFRESH_MIN_SECONDS=1) cost "
                                        + window.size() + " fetches; at most " + (seconds + 2) + " are allowed");
                    }
                    // One per second is the limit: two fetches a quarter of that apart are a limiter that lets two
                    // through (fetched in pairs), whatever the scheduling of a loaded machine adds.
                    for (int i = 1; i < window.size(); i++) {
                        long gap = window.get(i) - window.get(i - 1);
                        if (gap < 250) {
                            Expect.record(
                                    "JWKS-7",
                                    Consequence.FAILS_UNDER_FAULTS,
                                    "two JWKS fetches " + gap + " ms apart under steady traffic; "
                                            + "JWT_JWKS_REFRESH_MIN_SECONDS=1 allows one per second");
                            break;
                        }
                    }
                });
        cases.add(
                "JWKS-8.1",
                "while the JWKS is down, a token refused for its form, alg, typ or iss gets 401, not 503",
                fresh(issuer -> issuer.fault(Fault.status(500))),
                t -> {
                    Token valid = t.issuer.token("RS256");
                    Expect.unavailable(t.bearer(valid.compact()), BOUND, Expect.secretsOf(valid, valid.compact()));
                    expectDecidedWithoutKeys(t, BOUND);
                    Token later = t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256");
                    Expect.unavailable(t.bearer(later.compact()), BOUND, Expect.secretsOf(later, later.compact()));
                });
        cases.add(
                "JWKS-8.2",
                "while the JWKS hangs and no key is cached, such tokens get 401 without waiting for it",
                // A fetch would take the 10 s timeout; an answer that needs none comes at once. Seconds apart.
                fresh(issuer -> issuer.fault(Fault.hang()), "JWT_JWKS_TIMEOUT_MS", "10000"),
                t -> expectDecidedWithoutKeys(t, 5000));
        cases.add(
                "JWKS-9.1",
                "a JWKS whose body comes a few bytes at a time answers 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.dripBody())),
                JwksCases::outage);
        cases.add(
                "JWKS-9.2",
                "a JWKS sent in tiny chunks, slowly, answers 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.dripChunks())),
                JwksCases::outage);
        cases.add(
                "JWKS-9.3",
                "a JWKS whose status line comes at once and its headers slowly answers 503 within the bound",
                Case.Setup.freshWith(issuer -> Map.of("JWT_JWKS_URI", issuer.slowHeadersUri())),
                JwksCases::outage);
        cases.add(
                "JWKS-9.4",
                "20 concurrent requests while the JWKS body drips all get 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.dripBody())),
                t -> concurrentOutage(t, 20));
        cases.add(
                "JWKS-9.5",
                "while a refresh drips, tokens of cached keys are accepted within the bound",
                fresh("JWT_JWKS_CACHE_SECONDS", "1", "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    t.issuer.fault(Fault.dripBody());
                    Thread.sleep(1500); // past JWT_JWKS_CACHE_SECONDS: the next request tries a refresh
                    for (int i = 0; i < 3; i++) {
                        cachedKeyWithin(t, t.issuer.token("RS256"));
                    }
                });
        return cases.list();
    }

    /** Two tokens (another one each time) answered 503 within the bound: the second shows an outage is not retried. */
    private static void outage(Target t) {
        for (SigningKey key : List.of(t.issuer.rsa1, t.issuer.rsa2)) {
            Token tok = t.issuer.tokenSignedBy(key, "RS256");
            String c = tok.compact();
            Answer answer;
            try {
                answer = t.bearer(c);
            } catch (Http.NoAnswer e) { // the app held the request past the client's own timeout
                throw Expect.fail(
                        "JWKS-9",
                        Consequence.FAILS_UNDER_FAULTS,
                        "while the JWKS was slow, a request got no answer: " + e.getMessage());
            }
            Expect.unavailable(answer, BOUND, Expect.secretsOf(tok, c));
        }
    }

    /** Requests sent together during an outage: each 503 within the bound, and the outage cost one or two fetches. */
    private static void concurrentOutage(Target t, int n) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(i % 2 == 0 ? t.issuer.token("RS256") : t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
        }
        List<Answer> answers = together(t, tokens);
        for (int i = 0; i < answers.size(); i++) {
            Expect.unavailable(
                    answers.get(i),
                    BOUND,
                    Expect.secretsOf(tokens.get(i), tokens.get(i).compact()));
        }
        expectFetches(t, 1, 2, "JWKS-4", n + " concurrent requests during an outage");
    }

    /** The tokens on /protected, all sent before any answer is awaited; the answers in the same order. */
    private static List<Answer> together(Target t, List<Token> tokens) {
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (Token tok : tokens) {
            pending.add(t.http.send(t.uri("/protected"), "Authorization", "Bearer " + tok.compact()));
        }
        return pending.stream().map(Http::join).toList();
    }

    /** A token of a cached key is accepted while the JWKS fails, within the bound (the refresh may be tried). */
    private static void cachedKeyWithin(Target t, Token tok) {
        Answer a = t.bearer(tok.compact());
        if (a.status() == 200) {
            Expect.accepted(a, tok);
            Margins.note("JWKS-5", a.millis(), BOUND);
        }
        if (a.status() == 200 && a.millis() > BOUND) {
            Expect.record(
                    "JWKS-5",
                    Consequence.FAILS_UNDER_FAULTS,
                    "a token of a cached key took " + a.millis() + " ms while the JWKS failed; at most " + BOUND
                            + " ms (JWT_JWKS_TIMEOUT_MS + 1 s)");
        }
        if (a.status() != 200) {
            Expect.record(
                    "JWKS-5",
                    Consequence.FAILS_UNDER_FAULTS,
                    "a token of a cached key must still be accepted while the JWKS fails; got " + a.describe());
        }
    }

    /** rsa-2 verifies, is removed from the JWKS, and must be rejected (401) within this many seconds. */
    private static void expectRemovedKeyRejected(Target t, int seconds, String settings) throws InterruptedException {
        accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
        t.issuer.unpublish("rsa-2");
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (true) {
            Token tok = t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256");
            String c = tok.compact();
            Answer a = t.bearer(c);
            if (a.status() != 200) {
                Expect.invalidToken(a, tok, c);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw Expect.fail(
                        "JWKS-1",
                        Consequence.LETS_THROUGH,
                        "a key removed from the JWKS still verifies " + seconds + " s later with " + settings);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Tokens whose verdict needs no key: each must get 401 invalid_token within maxMillis, whatever the JWKS does. The
     * first one that waits ends the case: the next would only wait as long again.
     */
    private static void expectDecidedWithoutKeys(Target t, long maxMillis) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Token base = t.issuer.token("RS256");
        Token none = t.issuer.token("RS256").header("alg", "none");
        tokens.put("alg none", none.encodedHeader() + "." + none.encodedPayload() + ".");
        tokens.put(
                "alg HS256",
                t.issuer
                        .token("RS256")
                        .header("alg", "HS256")
                        .hmacWith(new byte[32])
                        .compact());
        tokens.put(
                "alg RS384",
                t.issuer.token("RS256").header("alg", "RS384").signedAs("RS384").compact());
        tokens.put(
                "typ dpop+jwt",
                t.issuer.token("RS256").header("typ", "dpop+jwt").compact());
        tokens.put(
                "an unlisted iss",
                t.issuer.token("RS256").claim("iss", "https://evil.example").compact());
        tokens.put(
                "a crit header",
                t.issuer
                        .token("RS256")
                        .header("crit", List.of("x-ext"))
                        .header("x-ext", 1)
                        .compact());
        tokens.put(
                "a JWE",
                Token.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + ".AAAA.AAAA."
                        + base.encodedPayload() + ".AAAA");
        tokens.put("two parts", base.encodedHeader() + "." + base.encodedPayload());
        tokens.put("a payload that is not JSON", base.encodedHeader() + "." + Token.encode("[1,2]") + ".AAAA");
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            String what = e.getKey();
            Answer a = t.bearer(e.getValue());
            Margins.note("JWKS-8", a.millis(), maxMillis);
            if (a.status() == 503) {
                Expect.record(
                        "JWKS-8",
                        Consequence.FAILS_UNDER_FAULTS,
                        "a token with " + what + " needs no key to be refused, but got 503 while the JWKS is down");
            } else {
                Expect.invalidToken(a, e.getValue(), base.subject());
            }
            if (a.millis() > maxMillis) {
                throw Expect.fail(
                        "JWKS-8",
                        Consequence.FAILS_UNDER_FAULTS,
                        "a token with " + what + " needs no key, but its answer took " + a.millis()
                                + " ms while the JWKS is down (at most " + maxMillis + " ms)");
            }
        }
    }

    /** Requests from 4 clients for this long; every n-th carries an unknown kid (401), the others a valid token. */
    private static void steadyTraffic(Target t, Duration duration, int everyNth) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> loops = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                loops.add(clients.submit(Findings.carried(() -> {
                    for (int i = client; System.nanoTime() < end; i++) {
                        if (i % everyNth == 0) {
                            Token unknown = t.issuer.tokenSignedBy(t.issuer.attacker, "RS256");
                            rejects(t, unknown.header("kid", "steady-" + UUID.randomUUID()));
                        } else {
                            accepts(
                                    t,
                                    i % 2 == 0
                                            ? t.issuer.token("RS256")
                                            : t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
                        }
                    }
                    return null;
                })));
            }
            for (Future<Object> loop : loops) {
                try {
                    loop.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
