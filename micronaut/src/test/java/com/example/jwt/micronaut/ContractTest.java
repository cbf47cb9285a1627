package com.example.jwt.micronaut;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole contract (shared-tests) against the Micronaut app, started in this JVM. */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "micronaut";
    }

    /**
     * Starts the app as {@code java -jar} would, with exactly these variables as its environment (Micronaut reads them
     * as properties: JWT_ISSUER as jwt.issuer); the process's own are not read.
     */
    @Override
    protected RunningApp start(Map<String, String> env) {
        ApplicationContext context = ApplicationContext.builder(Main.class)
                .environmentPropertySource(false)
                .propertySources(PropertySource.of(
                        "env", new HashMap<>(env), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE, null))
                .deduceEnvironment(false)
                .banner(false)
                .start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return RunningApp.onPort(server.getPort(), context::close);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }
}
