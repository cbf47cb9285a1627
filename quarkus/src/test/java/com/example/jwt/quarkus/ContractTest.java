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

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        String command = "exec '" + JAVA + "' -jar target/quarkus.jar";
        return new ProcessLauncher(command, Duration.ofSeconds(30)).start(env);
    }
}
