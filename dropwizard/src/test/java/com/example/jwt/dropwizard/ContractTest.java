package com.example.jwt.dropwizard;

import com.example.jwt.contract.ContractSuite;
import com.example.jwt.contract.RunningApp;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole contract (shared-tests) against the Dropwizard app, started in this JVM with the bundled config. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "dropwizard";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        Map<String, String> variables = new HashMap<>(env);
        variables.putIfAbsent("ADMIN_PORT", "0"); // several apps run at once here
        Main app = Main.start(variables);
        return RunningApp.onPort(app.port(), () -> {
            try {
                app.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
