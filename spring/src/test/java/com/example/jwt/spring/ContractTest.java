package com.example.jwt.spring;

import com.example.jwt.contract.ContractSuite;
import com.example.jwt.contract.RunningApp;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the whole contract (shared-tests) against the Spring Boot app, started in this JVM. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "spring";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        ConfigurableApplicationContext context = Main.start(env);
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RunningApp.onPort(port, context::close);
    }
}
