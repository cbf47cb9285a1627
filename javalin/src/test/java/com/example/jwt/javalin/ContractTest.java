package com.example.jwt.javalin;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import io.javalin.Javalin;
import java.util.Map;

/** Runs the whole contract (shared-tests) against the Javalin app, started in this JVM. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "javalin";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        Javalin app = Main.app(JwtSettings.from(env)).start();
        return RunningApp.onPort(app.port(), app::stop);
    }
}
