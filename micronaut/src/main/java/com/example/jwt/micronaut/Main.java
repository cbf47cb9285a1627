package com.example.jwt.micronaut;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar micronaut.jar}. */
public class Main {

    public static void main(String[] args) {
        try {
            EmbeddedServer server = start(System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(server.getApplicationContext()::close));
            LoggerFactory.getLogger(Main.class).info("Listening on {}", server.getURL());
        } catch (RuntimeException e) {
            String line = startupError(e);
            System.err.println(line);
            System.exit(line.startsWith("Configuration error") ? 2 : 1);
        }
    }

    /**
     * Starts the app configured by these environment variables, and returns it once it serves requests. Micronaut
     * reads them as it reads the process's own (JWT_ISSUER as jwt.issuer); the process's own are not read, so that a
     * test can start the app with exactly the variables it chooses.
     */
    public static EmbeddedServer start(Map<String, String> env) {
        ApplicationContext context = ApplicationContext.builder(Main.class)
                .environmentPropertySource(false)
                .propertySources(PropertySource.of(
                        "env", new HashMap<>(env), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE, null))
                .deduceEnvironment(false)
                .banner(false)
                .start();
        try {
            return context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** One line for a failed start: the configuration error that caused it, or the root cause. */
    private static String startupError(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    && t.getMessage() != null
                    && t.getMessage().matches("^[A-Z_]+ .*")) {
                return "Configuration error: " + t.getMessage(); // names the variable: JWT_ISSUER is required
            }
            if (t instanceof BindException) {
                return "Cannot start: the port is in use (set PORT to another one)";
            }
            root = t;
        }
        return "Cannot start: " + root.getMessage();
    }
}
