package com.example.jwt.contract;

import com.example.jwt.runner.ContractRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract against a framework's documented default: the setup its own documentation teaches, defaults untouched
 * (a baseline in the app's test sources). The cases it fails are recorded in {@value RecordedFailures#RECORD} of the
 * app module, one line per case: its ID, a tab, and what happened. Both ways are asserted: a case that newly fails,
 * and a recorded case that now passes (a release fixed a default: the app's override for it may be removable), fail
 * the build.
 * Record again with {@code -Drecord.documented.default=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentedDefaultSuite {
    private final boolean recording = Boolean.getBoolean("record.documented.default");
    private final Map<String, String> observed = new TreeMap<>();
    private Map<String, String> recorded;
    private ContractRunner runner;

    /** spring, javalin, dropwizard or helidon. */
    protected abstract String framework();

    /** Starts the baseline in this JVM with these variables (those it has no setting for are ignored). */
    protected abstract RunningApp start(Map<String, String> env) throws Exception;

    @BeforeAll
    void startRunner() {
        runner = ContractRunner.launching(this::start);
        recorded = RecordedFailures.read(Path.of(RecordedFailures.RECORD));
    }

    @AfterAll
    void stopRunner() throws IOException {
        runner.close();
        if (recording) {
            List<String> lines = new ArrayList<>();
            observed.forEach((id, what) -> lines.add(id + "\t" + what));
            Files.createDirectories(Path.of(RecordedFailures.RECORD).getParent());
            Files.write(Path.of(RecordedFailures.RECORD), lines);
        }
    }

    @TestFactory
    Stream<DynamicNode> documentedDefault() {
        return ContractCases.all().stream()
                .map(c -> DynamicTest.dynamicTest(c.id() + " " + c.title(), () -> {
                    ContractRunner.Result r = runner.run(c, framework() + "-documented-default");
                    boolean failed = r.status() == ContractRunner.Status.FAIL;
                    if (failed) {
                        observed.put(c.id(), oneLine(r.message()));
                    }
                    if (recording) {
                        return;
                    }
                    if (failed && !recorded.containsKey(c.id())) {
                        throw new AssertionError("[" + c.id() + "] newly fails against " + framework()
                                + "'s documented default (not in " + RecordedFailures.RECORD + "): " + r.message());
                    }
                    if (!failed && recorded.containsKey(c.id())) {
                        throw new AssertionError("[" + c.id() + "] now passes against " + framework() + "'s documented "
                                + "default: a release fixed that default, so the app's override for "
                                + RecordedFailures.requirement(c.id())
                                + " (see the ledger in the app's README) may no longer be needed. Check, then "
                                + "record again with -Drecord.documented.default=true");
                    }
                }));
    }

    /** The failure in one stable line: no ports, no line breaks, at most 200 characters. */
    static String oneLine(String message) {
        String line = String.valueOf(message)
                .replaceAll("\\s+", " ")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1")
                .strip();
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
