package com.example.jwt.junit;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.Consequence;
import com.example.jwt.contract.ContractCases;
import com.example.jwt.contract.Finding;
import com.example.jwt.contract.RunningApp;
import com.example.jwt.runner.ContractRunner;
import com.example.jwt.runner.RecordedFailures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract against a framework's documented default: the setup its own documentation teaches, defaults untouched
 * (a baseline in the app's test sources). What each case found wrong, and what that means (its
 * {@link Consequence}s), is recorded in {@value RecordedFailures#RECORD} of the app module. Both ways are asserted: a
 * case whose consequences change fails the build, and so does a recorded case that now passes (a release fixed a
 * default: the app's override for it may be removable). A case whose outcome races inside the library under test is
 * listed, with its outcomes and why, in {@value RecordedFailures#VARIES}, and may have any of those outcomes.
 * Record again with {@code -Drecord.documented.default=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentedDefaultSuite {
    private final boolean recording = Boolean.getBoolean("record.documented.default");
    private final Map<String, List<Finding>> observed = new TreeMap<>(RecordOrder.BY_CASE);
    private Map<String, RecordedFailures.Failed> recorded;
    private Map<String, RecordedFailures.Varies> varies;
    private ContractRunner runner;
    private ContractRunner.Schedule schedule;

    /** spring, javalin, dropwizard, helidon, ... */
    protected abstract String framework();

    /** Starts the baseline in this JVM with these variables (those it has no setting for are ignored). */
    protected abstract RunningApp start(Map<String, String> env) throws Exception;

    @BeforeAll
    void startRunner() {
        Object oneAtATime = new Object();
        runner = ContractRunner.launching(env -> {
            synchronized (oneAtATime) {
                return start(env);
            }
        });
        recorded = recording ? Map.of() : RecordedFailures.read(Path.of("."));
        varies = RecordedFailures.readVaries(Path.of("."));
        schedule = runner.schedule(
                ContractCases.all(), framework() + "-documented-default", ContractRunner.DEFAULT_PARALLEL);
    }

    @AfterAll
    void stopRunner() throws IOException {
        if (schedule != null) {
            schedule.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (recording && varies != null) {
            observed.keySet().removeAll(varies.keySet());
            RecordedFailures.write(Path.of("."), observed);
        }
    }

    @TestFactory
    Stream<DynamicNode> documentedDefault() {
        return ContractCases.all().stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + c.title(), () -> check(c)));
    }

    private void check(Case c) {
        ContractRunner.Result r = schedule.result(c);
        if (r.status() == ContractRunner.Status.SKIP) {
            Assumptions.abort(r.message()); // a case the baseline cannot run (as a process) records nothing
        }
        Set<Consequence> now = RecordedFailures.consequencesOf(r.findings());
        if (!r.findings().isEmpty()) {
            synchronized (observed) {
                observed.put(c.id(), r.findings());
            }
        }
        RecordedFailures.Varies vary = varies.get(c.id());
        if (vary != null) {
            if (!vary.allows(now)) {
                throw new AssertionError("[" + c.id() + "] is listed as varying against " + framework() + "'s "
                        + "documented default (" + RecordedFailures.VARIES + "), but its outcome "
                        + RecordedFailures.keys(now) + " is none of those listed: " + r.message());
            }
            return;
        }
        if (recording) {
            return;
        }
        RecordedFailures.Failed before = recorded.get(c.id());
        Set<Consequence> then = before == null ? Set.of() : before.consequences();
        if (now.isEmpty() && !then.isEmpty()) {
            throw new AssertionError("[" + c.id() + "] now passes against " + framework() + "'s documented default: a "
                    + "release fixed that default, so the app's override for " + c.requirement()
                    + " (see the ledger in the app's README) may no longer be needed. Check, then record again with "
                    + "-Drecord.documented.default=true");
        }
        if (!now.equals(then)) {
            throw new AssertionError("[" + c.id() + "] against " + framework() + "'s documented default: recorded "
                    + RecordedFailures.keys(then) + ", now " + RecordedFailures.keys(now) + " (not as in "
                    + RecordedFailures.RECORD + "): " + r.message());
        }
    }

    /** Case IDs in the order of the contract, so that the record reads like CONTRACT.md. */
    private enum RecordOrder implements java.util.Comparator<String> {
        BY_CASE;

        private final Map<String, Integer> index = indexOfCases();

        @Override
        public int compare(String a, String b) {
            return Integer.compare(index.getOrDefault(a, Integer.MAX_VALUE), index.getOrDefault(b, Integer.MAX_VALUE));
        }

        private static Map<String, Integer> indexOfCases() {
            Map<String, Integer> index = new TreeMap<>();
            List<Case> all = ContractCases.all();
            for (int i = 0; i < all.size(); i++) {
                index.put(all.get(i).id(), i);
            }
            return index;
        }
    }
}
