package com.example.jwt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.contract.NaiveApp.Mistake;
import com.example.jwt.runner.ContractRunner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runner holds a known deviation to the way it is listed: the naive app, with a mistake, fails ANS-8.1, here listed
 * as a deviation of its answer's form. Failing that way is the deviation; failing the same case another way, or
 * passing it, fails the run.
 */
class KnownDeviationRunTest {
    private static final KnownDeviations.Deviation TEXT_404 = new KnownDeviations.Deviation(
            "naive-jdk",
            "ANS-8.1",
            "an unknown path answers 404 (or 401) in JSON",
            "a test's entry: the 404 is text/plain",
            List.of(new KnownDeviations.Expected("ANS-8", Consequence.ANSWER_FORM, "must be application/json")));

    private final Case ans81 = ContractCases.all().stream()
            .filter(c -> c.id().equals("ANS-8.1"))
            .findFirst()
            .orElseThrow();

    @Test
    void failingAsListedIsTheDeviation() {
        ContractRunner.Result r = run(Set.of(Mistake.TEXT_NOT_FOUND));
        assertEquals(ContractRunner.Status.DEVIATES, r.status(), r.message());
        assertEquals("known deviation: " + TEXT_404.reason(), r.message());
        assertFalse(r.findings().isEmpty(), "the findings are kept");
    }

    @Test
    void failingAnotherWayFails() {
        ContractRunner.Result r = run(Set.of(Mistake.GUARD_EXACT_PATH_ONLY)); // /protected/x answers 200
        assertEquals(ContractRunner.Status.FAIL, r.status(), r.message());
        assertTrue(
                r.message().startsWith("listed as a known deviation of naive-jdk, but it fails otherwise ("),
                r.message());
        assertTrue(r.message().contains("unexpected ANS-8: GET /protected/x"), r.message());
        assertTrue(r.message().contains("missing " + TEXT_404.expected().get(0)), r.message());
    }

    @Test
    void passingFails() {
        ContractRunner.Result r = run(Set.of());
        assertEquals(ContractRunner.Status.FAIL, r.status(), r.message());
        assertTrue(r.message().contains("but passes: remove it from KnownDeviations"), r.message());
    }

    private ContractRunner.Result run(Set<Mistake> mistakes) {
        Launcher inThisJvm = env -> {
            NaiveApp app = new NaiveApp(env, mistakes);
            return RunningApp.onPort(app.port(), app::close);
        };
        try (ContractRunner runner = ContractRunner.launching(inThisJvm)) {
            return runner.run(ans81, "naive-jdk", TEXT_404);
        }
    }
}
