package com.example.jwt.documented;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.junit.DocumentedDefaultSuite;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Map;

/** The contract against Dropwizard's documented default, on free ports; its failures are recorded (see the suite). */
class DocumentedDefaultTest extends DocumentedDefaultSuite {
    @Override
    protected String framework() {
        return "dropwizard";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        Configuration configuration = new Configuration();
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        for (var connector : java.util.List.of(
                server.getApplicationConnectors().get(0),
                server.getAdminConnectors().get(0))) {
            ((HttpConnectorFactory) connector).setBindHost("127.0.0.1");
            ((HttpConnectorFactory) connector).setPort(0);
        }
        DropwizardTestSupport<Configuration> app = new DropwizardTestSupport<>(DocumentedDefault.class, configuration) {
            @Override
            public Application<Configuration> newApplication() {
                return new DocumentedDefault(env);
            }
        };
        app.before();
        return RunningApp.onPort(app.getLocalPort(), app::after);
    }
}
