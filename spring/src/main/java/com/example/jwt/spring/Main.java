package com.example.jwt.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar spring.jar}. */
@SpringBootApplication
@EnableConfigurationProperties(JwtSettings.class)
public class Main {

    public static void main(String[] args) {
        try {
            start(System.getenv());
        } catch (RuntimeException e) {
            String line = startupError(e);
            System.err.println(line);
            System.exit(line.startsWith("Configuration error") ? 2 : 1);
        }
    }

    /**
     * Starts the app with these variables (application.yaml reads them as {@code ${JWT_ISSUER}} and so on). Throws
     * when one is missing or malformed, with a message that names it.
     */
    public static ConfigurableApplicationContext start(Map<String, String> env) {
        String port = env.getOrDefault("PORT", "8080");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("PORT must be a whole number from 0 to 65535");
        }
        SpringApplication app = new SpringApplication(Main.class);
        app.setRegisterShutdownHook(false);
        app.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("variables", new HashMap<>(env))));
        return app.run();
    }

    /** One line for a failed start: the configuration error that caused it, or the root cause. */
    private static String startupError(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().matches("^[A-Z_]+ .*")) {
                return "Configuration error: " + t.getMessage();
            }
            if (t instanceof java.net.BindException) {
                return "Cannot start: the port is in use (set PORT to another one)";
            }
            root = t;
        }
        return "Cannot start: " + root.getMessage();
    }
}
