package com.example.jwt.dropwizard;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.ContractSuite;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * Runs the whole contract (shared-tests) against the Dropwizard app, started in this JVM by dropwizard-testing's
 * {@link DropwizardTestSupport} with the bundled config.yml and the suite's variables instead of the environment.
 * A configuration error fails {@code before()} with the app's own exception, which names the variable.
 */
class ContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "dropwizard";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        Map<String, String> variables = new HashMap<>(env);
        variables.putIfAbsent("ADMIN_PORT", "0"); // several apps run at once here
        DropwizardTestSupport<Main.AppConfiguration> app = new DropwizardTestSupport<>(Main.class, "config.yml") {
            @Override
            public Application<Main.AppConfiguration> newApplication() {
                return new Main(new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(variables)));
            }
        };
        app.before();
        return RunningApp.onPort(app.getLocalPort(), app::after);
    }
}
