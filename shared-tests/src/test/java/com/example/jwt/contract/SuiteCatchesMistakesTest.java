package com.example.jwt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.jwt.contract.NaiveApp.Mistake;
import com.example.jwt.runner.ContractRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite is hard: each mistake people copy from snippets fails the cases written against it. Each mistake and case
 * runs against an app of its own, a few at a time (most of their time is spent waiting out a cache or a deadline).
 */
class SuiteCatchesMistakesTest {
    private static final Map<Mistake, List<String>> CAUGHT_BY = Map.ofEntries(
            Map.entry(Mistake.SKIP_EXP, List.of("CLM-2.1", "CLM-2.2")),
            Map.entry(Mistake.SKIP_ISS, List.of("CLM-1.1")),
            Map.entry(Mistake.SKIP_AUD, List.of("CLM-4.2")),
            Map.entry(Mistake.ACCEPT_NONE, List.of("ALG-1.2")),
            Map.entry(Mistake.HMAC_WITH_PUBLIC_KEY, List.of("ALG-2.1")),
            Map.entry(Mistake.FIRST_KEY_OF_TYPE, List.of("KEY-1.1", "KEY-1.3")),
            Map.entry(Mistake.FOLLOW_JKU, List.of("KEY-4.2")),
            Map.entry(Mistake.FETCH_EVERY_REQUEST, List.of("JWKS-1.1", "JWKS-3.1")),
            Map.entry(Mistake.NEVER_REFETCH, List.of("JWKS-1.2", "JWKS-2.1")),
            Map.entry(Mistake.REFETCH_EVERY_UNKNOWN_KID, List.of("JWKS-2.2")),
            Map.entry(Mistake.CRASH_WHEN_JWKS_DOWN, List.of("JWKS-4.1", "JWKS-6.1")),
            Map.entry(Mistake.ECHO_REASON, List.of("ANS-4.1", "KEY-6.1")),
            Map.entry(Mistake.TOKEN_FROM_QUERY, List.of("BRR-2.1")),
            Map.entry(Mistake.IGNORE_TYP, List.of("TOK-3.2")),
            Map.entry(Mistake.IGNORE_USE_ENC, List.of("KEY-3.1")),
            Map.entry(Mistake.HEAD_SKIPS_CHECK, List.of("REQ-1.1")),
            Map.entry(Mistake.GUARD_EXACT_PATH_ONLY, List.of("REQ-2.1", "ANS-8.1")),
            Map.entry(Mistake.FIRST_OF_TWO_HEADERS, List.of("BRR-4.1", "BRR-4.2")),
            Map.entry(Mistake.DATES_UNBOUNDED, List.of("CLM-5.1", "CLM-5.2")),
            Map.entry(Mistake.TEXT_NOT_FOUND, List.of("ANS-8.1")),
            Map.entry(Mistake.TWO_CACHES_REFETCH, List.of("JWKS-7.1")),
            Map.entry(Mistake.KEYS_BEFORE_CHECKS, List.of("JWKS-8.1", "JWKS-8.2")),
            Map.entry(Mistake.PER_READ_TIMEOUT_ONLY, List.of("JWKS-9.1", "JWKS-9.3")),
            Map.entry(Mistake.JWK_ALG_IGNORED, List.of("KEY-7.1", "KEY-7.2", "KEY-7.4")),
            Map.entry(Mistake.CATCH_EXCEPTION_NOT_ERROR, List.of("TOK-4.1")));

    private final Map<String, Case> cases = ContractCases.all().stream().collect(Collectors.toMap(Case::id, c -> c));

    @TestFactory
    Stream<DynamicTest> theSuiteCatchesEveryMistake() {
        assertEquals(Set.of(Mistake.values()), CAUGHT_BY.keySet(), "every mistake names the cases that catch it");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, CompletableFuture<ContractRunner.Result>> results = new java.util.LinkedHashMap<>();
        for (Mistake mistake : Mistake.values()) {
            for (String id : CAUGHT_BY.get(mistake)) {
                Case c = cases.get(id);
                if (c == null) {
                    throw new IllegalStateException("no case " + id + " (named for " + mistake + ")");
                }
                results.put(mistake + " " + id, CompletableFuture.supplyAsync(() -> run(mistake, c), pool));
            }
        }
        pool.shutdown();
        return results.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    ContractRunner.Result r = e.getValue().join();
                    assertEquals(
                            ContractRunner.Status.FAIL, r.status(), e.getKey() + ": the mistake must fail the case");
                }));
    }

    private static ContractRunner.Result run(Mistake mistake, Case c) {
        try (ContractRunner runner = ContractRunner.launching(env -> {
            NaiveApp app = new NaiveApp(env, Set.of(mistake));
            return RunningApp.onPort(app.port(), app::close);
        })) {
            return runner.run(c, "naive-jdk");
        }
    }
}
