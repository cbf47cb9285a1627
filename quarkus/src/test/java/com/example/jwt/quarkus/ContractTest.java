package com.example.jwt.quarkus;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import com.example.jwt.runner.ProcessLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the whole contract (shared-tests) against the packaged app, target/quarkus.jar, started as a process with each
 * case's variables: Quarkus builds the app at package time, so this test runs after it (Failsafe, in verify), as
 * Quarkus's own {@code @QuarkusIntegrationTest} tests the packaged jar.
 */
class ContractTest extends ContractSuite {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Override
    protected String framework() {
        return "quarkus";
    }

    private static final ProcessLauncher JAR =
            new ProcessLauncher("exec '" + JAVA + "' -jar target/quarkus.jar", Duration.ofSeconds(30));

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        return JAR.start(env);
    }

    /** The PROCESS cases (CFG-1.3, CLM-4.4, LOG-1.1) run against the same packaged jar. */
    @Override
    protected ProcessLauncher processes() {
        return JAR;
    }
}
