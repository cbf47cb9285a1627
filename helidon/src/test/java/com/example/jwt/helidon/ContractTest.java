package com.example.jwt.helidon;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import io.helidon.webserver.WebServer;
import java.util.Map;

/** Runs the whole contract (shared-tests) against the Helidon app, started in this JVM with Main's routing. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "helidon";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        WebServer server = Main.start(env);
        return RunningApp.onPort(server.port(), server::stop);
    }
}
