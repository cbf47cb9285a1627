package com.example.jwt.spring;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Runs the whole contract (shared-tests) against the Spring Boot app, started in this JVM. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "spring";
    }

    /**
     * Starts the app as {@code java -jar} would, with these variables as its environment: application.yaml reads them
     * as {@code ${JWT_ISSUER}} and so on. A start that fails throws, with a message that names the variable.
     */
    @Override
    protected RunningApp start(Map<String, String> env) {
        SpringApplication app = new SpringApplication(Main.class);
        app.setRegisterShutdownHook(false);
        app.addInitializers(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("variables", new HashMap<>(env))));
        ConfigurableApplicationContext context = app.run();
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RunningApp.onPort(port, context::close);
    }
}
