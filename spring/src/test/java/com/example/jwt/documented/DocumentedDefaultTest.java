package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract against Spring Boot's documented default; its failures are recorded (see the suite). */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    @Override
    protected String framework() {
        return "spring";
    }

    @Override
    protected RunningApp start(Map<String, String> env) {
        ConfigurableApplicationContext context = DocumentedDefault.start(env);
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RunningApp.onPort(port, context::close);
    }
}
