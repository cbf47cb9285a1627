package com.example.jwt.dropwizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * The bundled config.yml binds Dropwizard's admin connector ({@code /tasks}, {@code /threads}, {@code /healthcheck},
 * no authentication) to loopback unless ADMIN_HOST says otherwise.
 */
class AdminConnectorTest {
    private static HttpConnectorFactory admin(Map<String, String> variables) throws Exception {
        var factory =
                new YamlConfigurationFactory<>(Main.AppConfiguration.class, null, Jackson.newObjectMapper(), "dw");
        var source = new SubstitutingSourceProvider(
                new ResourceConfigurationSourceProvider(), new StringSubstitutor(variables));
        var server = (DefaultServerFactory) factory.build(source, "config.yml").getServerFactory();
        return (HttpConnectorFactory) server.getAdminConnectors().get(0);
    }

    @Test
    void adminConnectorIsBoundToLoopbackByDefault() throws Exception {
        assertEquals("127.0.0.1", admin(Map.of()).getBindHost());
        assertEquals(8081, admin(Map.of()).getPort());
    }

    @Test
    void adminHostAndPortAreSettings() throws Exception {
        var admin = admin(Map.of("ADMIN_HOST", "10.0.0.5", "ADMIN_PORT", "0", "HOST", "0.0.0.0"));
        assertEquals("10.0.0.5", admin.getBindHost());
        assertEquals(0, admin.getPort());
    }
}
