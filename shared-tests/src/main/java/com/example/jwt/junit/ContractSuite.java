package com.example.jwt.junit;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.ContractCases;
import com.example.jwt.contract.Launcher;
import com.example.jwt.contract.RunningApp;
import com.example.jwt.runner.ContractRunner;
import com.example.jwt.runner.ProcessLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract suite, written once. An app plugs in by extending it:
 *
 * <pre>{@code
 * class ContractTest extends ContractSuite {
 *     protected String framework() { return "javalin"; }
 *     protected RunningApp start(Map<String, String> env) throws Exception {
 *         var app = Main.start(env);
 *         return RunningApp.onPort(app.port(), app::stop);
 *     }
 * }
 * }</pre>
 *
 * Every case of {@link ContractCases} becomes one test named after its requirement, grouped as in CONTRACT.md. Cases
 * with an app of their own run a few at a time ({@code -Dcontract.parallel=N}); apps are started one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractSuite {
    private ContractRunner runner;
    private ContractRunner.Schedule schedule;

    /** The name used in reports and in the known-deviations list: spring, javalin, dropwizard, helidon, ... */
    protected abstract String framework();

    /**
     * Starts the app in this JVM, configured by exactly these variables (HOST, PORT=0, JWT_*), and returns once it
     * serves requests. Throws when the configuration is invalid, with a message that names the variable.
     */
    protected abstract RunningApp start(Map<String, String> env) throws Exception;

    /**
     * Starts the app as an operating-system process, for the cases that read what it prints and how it exits (a
     * configuration error's one line and exit status, the log under a flood of hostile tokens). By default: this
     * JVM's {@code java} with this test's class path, running {@code Main} of the test's package; an app whose
     * {@link #start} already starts a process (Quarkus's packaged jar) returns that launcher.
     */
    protected Launcher processes() {
        String main = getClass().getPackageName() + ".Main";
        try {
            Class.forName(main, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + main;
        return new ProcessLauncher(command, Duration.ofSeconds(60));
    }

    @BeforeAll
    void startRunner() {
        Object oneAtATime = new Object();
        runner = ContractRunner.launching(
                env -> {
                    synchronized (oneAtATime) {
                        return start(env);
                    }
                },
                processes());
        schedule = runner.schedule(ContractCases.all(), framework(), ContractRunner.DEFAULT_PARALLEL);
    }

    @AfterAll
    void stopRunner() {
        schedule.close();
        runner.close();
    }

    @TestFactory
    Stream<DynamicNode> contract() {
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        for (Case c : ContractCases.all()) {
            groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
        }
        return groups.entrySet().stream()
                .map(group -> DynamicContainer.dynamicContainer(
                        group.getKey(),
                        group.getValue().stream()
                                .map(c -> DynamicTest.dynamicTest(c.id() + " " + c.title(), () -> {
                                    ContractRunner.Result r = schedule.result(c);
                                    switch (r.status()) {
                                        case PASS -> {}
                                        case SKIP, DEVIATES -> Assumptions.abort(r.message());
                                        case FAIL ->
                                            throw new AssertionError(
                                                    "[" + c.id() + "] " + c.title() + " -- " + r.message());
                                    }
                                }))));
    }
}
