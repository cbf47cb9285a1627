package com.example.jwt.contract;

import com.example.jwt.junit.ContractSuite;
import com.example.jwt.runner.ProcessLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The suite is passable: a plain-JDK app without mistakes passes every case. */
class NaiveAppContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "naive-jdk";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        NaiveApp app = new NaiveApp(env, Set.of());
        return RunningApp.onPort(app.port(), app::close);
    }

    /** NaiveApp's own {@code main}, on this test's class path (the package has no {@code Main}). */
    @Override
    protected Launcher processes() {
        return processes("");
    }

    /** NaiveApp as a process, with these mistakes (a comma-separated NAIVE_MISTAKES; empty for none). */
    static Launcher processes(String mistakes) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "NAIVE_MISTAKES='" + mistakes + "' exec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' " + NaiveApp.class.getName();
        return new ProcessLauncher(command, Duration.ofSeconds(60));
    }
}
