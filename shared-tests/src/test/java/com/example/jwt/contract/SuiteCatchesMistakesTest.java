package com.example.jwt.contract;

import static com.example.jwt.contract.Consequence.ANSWER_FORM;
import static com.example.jwt.contract.Consequence.CONFIGURATION;
import static com.example.jwt.contract.Consequence.FAILS_UNDER_FAULTS;
import static com.example.jwt.contract.Consequence.LETS_THROUGH;
import static com.example.jwt.contract.Consequence.REFUSES_VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.contract.NaiveApp.Mistake;
import com.example.jwt.runner.ContractRunner;
import java.util.EnumMap;
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
 * The suite is hard: each mistake people copy from snippets fails the case written against it, on that case's own
 * check (not by a crash or a timeout), with a finding of the requirement it breaks and what that means. Each mistake
 * runs against an app of its own, a few at a time (most of their time is spent waiting out a cache or a deadline).
 */
class SuiteCatchesMistakesTest {
    /** The case that must catch a mistake, and the finding it must report. */
    private record Catch(String caseId, String requirement, Consequence consequence) {}

    /*
     * The requirement is the one the finding names. A token that gets through is recorded by the suite's common check
     * of an invalid token (ANS-3), a valid one refused by that of a valid token (ANS-1), whatever the case's own.
     * Two key rules have no row, as no JDK-only app can break them: the JDK refuses an RSA exponent below 3 when it
     * makes the key (KEY-3.3, e = 1), and its ECDSA verify fails with a point off the curve (KEY-5.5).
     */
    private static final Map<Mistake, Catch> CAUGHT_BY = table(
            row(Mistake.SKIP_EXP, "CLM-2.1", "ANS-3", LETS_THROUGH),
            row(Mistake.SKIP_ISS, "CLM-1.1", "CLM-1", LETS_THROUGH),
            row(Mistake.SKIP_AUD, "CLM-4.2", "ANS-3", LETS_THROUGH),
            row(Mistake.ACCEPT_NONE, "ALG-1.2", "ANS-3", LETS_THROUGH),
            row(Mistake.HMAC_WITH_PUBLIC_KEY, "ALG-2.1", "ANS-3", LETS_THROUGH),
            row(Mistake.FIRST_KEY_OF_TYPE, "KEY-1.1", "ANS-1", REFUSES_VALID),
            row(Mistake.FOLLOW_JKU, "KEY-4.2", "KEY-4", LETS_THROUGH),
            row(Mistake.FETCH_EVERY_REQUEST, "JWKS-1.1", "JWKS-1", FAILS_UNDER_FAULTS),
            row(Mistake.NEVER_REFETCH, "JWKS-1.2", "JWKS-1", LETS_THROUGH),
            row(Mistake.REFETCH_EVERY_UNKNOWN_KID, "JWKS-2.2", "JWKS-2", FAILS_UNDER_FAULTS),
            row(Mistake.CRASH_WHEN_JWKS_DOWN, "JWKS-4.1", "JWKS-4", FAILS_UNDER_FAULTS),
            row(Mistake.ECHO_REASON, "ANS-4.1", "ANS-4", ANSWER_FORM),
            row(Mistake.TOKEN_FROM_QUERY, "BRR-2.1", "BRR-2", LETS_THROUGH),
            row(Mistake.IGNORE_TYP, "TOK-3.2", "TOK-3", LETS_THROUGH),
            row(Mistake.IGNORE_USE_ENC, "KEY-3.1", "ANS-3", LETS_THROUGH),
            row(Mistake.HEAD_SKIPS_CHECK, "REQ-1.1", "REQ-1", LETS_THROUGH),
            row(Mistake.GUARD_EXACT_PATH_ONLY, "REQ-2.1", "REQ-2", LETS_THROUGH),
            row(Mistake.FIRST_OF_TWO_HEADERS, "BRR-4.1", "BRR-4", LETS_THROUGH),
            row(Mistake.DATES_UNBOUNDED, "CLM-5.1", "CLM-5", LETS_THROUGH),
            row(Mistake.TEXT_NOT_FOUND, "ANS-8.1", "ANS-8", ANSWER_FORM),
            row(Mistake.TWO_CACHES_REFETCH, "JWKS-7.1", "JWKS-7", FAILS_UNDER_FAULTS),
            row(Mistake.KEYS_BEFORE_CHECKS, "JWKS-8.1", "JWKS-8", FAILS_UNDER_FAULTS),
            row(Mistake.PER_READ_TIMEOUT_ONLY, "JWKS-9.1", "JWKS-9", FAILS_UNDER_FAULTS),
            row(Mistake.JWK_ALG_IGNORED, "KEY-7.1", "ANS-3", LETS_THROUGH),
            row(Mistake.CATCH_EXCEPTION_NOT_ERROR, "TOK-4.1", "TOK-4", FAILS_UNDER_FAULTS),
            row(Mistake.CRIT_IGNORED, "TOK-2.1", "ANS-3", LETS_THROUGH),
            row(Mistake.SIGNATURE_NOT_CHECKED, "ALG-3.1", "ANS-3", LETS_THROUGH),
            row(Mistake.KEY_FROM_HEADER, "KEY-4.1", "ANS-3", LETS_THROUGH),
            row(Mistake.REQUIRED_SCOPE_IGNORED, "GW-3.2", "GW-3", LETS_THROUGH),
            row(Mistake.KEYS_OF_ANY_ISSUER, "GW-1.2", "ANS-3", LETS_THROUGH),
            row(Mistake.DROP_KEYS_ON_FAILED_REFRESH, "JWKS-5.1", "JWKS-5", FAILS_UNDER_FAULTS),
            row(Mistake.RSA_EXPONENT_UNCHECKED, "KEY-3.4", "ANS-3", LETS_THROUGH),
            row(Mistake.WHOLE_SET_ON_BAD_MEMBER, "KEY-5.4", "ANS-1", FAILS_UNDER_FAULTS),
            row(Mistake.CURVE_UNCHECKED, "KEY-5.3", "ANS-3", LETS_THROUGH),
            row(Mistake.ED25519_LENGTH_UNCHECKED, "KEY-5.6", "ANS-3", LETS_THROUGH),
            row(Mistake.AUDIENCE_OPTIONAL, "CFG-1.2", "CFG-1", CONFIGURATION),
            row(Mistake.LOG_REJECTIONS, "LOG-1.1", "LOG-1", ANSWER_FORM),
            row(Mistake.CONFIG_STACK_TRACE, "CFG-1.3", "CFG-1", CONFIGURATION));

    private final Map<String, Case> cases = ContractCases.all().stream().collect(Collectors.toMap(Case::id, c -> c));

    @TestFactory
    Stream<DynamicTest> theSuiteCatchesEveryMistake() {
        assertEquals(Set.of(Mistake.values()), CAUGHT_BY.keySet(), "every mistake names the case that catches it");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<Mistake, CompletableFuture<ContractRunner.Result>> results = new EnumMap<>(Mistake.class);
        CAUGHT_BY.forEach((mistake, expected) -> {
            Case c = cases.get(expected.caseId());
            results.put(mistake, c == null ? null : CompletableFuture.supplyAsync(() -> run(mistake, c), pool));
        });
        pool.shutdown();
        return results.entrySet().stream().map(e -> {
            Catch expected = CAUGHT_BY.get(e.getKey());
            return DynamicTest.dynamicTest(e.getKey() + " caught by " + expected.caseId(), () -> {
                assertNotNull(e.getValue(), "the suite has no case " + expected.caseId());
                assertCaught(expected, e.getValue().join());
            });
        });
    }

    private static void assertCaught(Catch expected, ContractRunner.Result r) {
        String found = r.findings().stream()
                .map(f -> "\n  " + f.requirement() + " " + f.consequence() + ": " + f.message())
                .collect(Collectors.joining());
        assertEquals(ContractRunner.Status.FAIL, r.status(), "the mistake must fail the case; it got " + r.message());
        assertNull(r.crash(), "the case must fail on its check, not by breaking off:" + found);
        assertTrue(
                r.findings().stream()
                        .anyMatch(f -> f.requirement().equals(expected.requirement())
                                && f.consequence() == expected.consequence()),
                "a finding must be " + expected.requirement() + " " + expected.consequence() + "; found:" + found);
    }

    private static ContractRunner.Result run(Mistake mistake, Case c) {
        Launcher inThisJvm = env -> {
            NaiveApp app = new NaiveApp(env, Set.of(mistake));
            return RunningApp.onPort(app.port(), app::close);
        };
        try (ContractRunner runner =
                ContractRunner.launching(inThisJvm, NaiveAppContractTest.processes(mistake.name()))) {
            return runner.run(c, "naive-jdk");
        }
    }

    private static Map.Entry<Mistake, Catch> row(
            Mistake mistake, String caseId, String requirement, Consequence consequence) {
        return Map.entry(mistake, new Catch(caseId, requirement, consequence));
    }

    @SafeVarargs
    private static Map<Mistake, Catch> table(Map.Entry<Mistake, Catch>... rows) {
        Map<Mistake, Catch> table = new EnumMap<>(Mistake.class);
        for (Map.Entry<Mistake, Catch> row : rows) {
            table.put(row.getKey(), row.getValue());
        }
        return table;
    }
}
