package com.example.jwt.micronaut;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/** Runs the whole contract (shared-tests) against the Micronaut app, started in this JVM. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "micronaut";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        EmbeddedServer server = Main.start(env);
        return RunningApp.onPort(server.getPort(), server.getApplicationContext()::close);
    }
}
