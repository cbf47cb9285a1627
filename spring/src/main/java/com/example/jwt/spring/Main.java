package com.example.jwt.spring;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar spring.jar}. */
@SpringBootApplication
public class Main {

    public static void main(String[] args) {
        try {
            SpringApplication.run(Main.class, args);
        } catch (RuntimeException e) {
            String line = startupError(e);
            System.err.println(line);
            System.exit(line.startsWith("Configuration error") ? 2 : 1);
        }
    }

    /**
     * CFG-2: PORT, checked before any bean is made: Boot's own error for it names the property (server.port), not the
     * variable.
     */
    @Bean
    static BeanFactoryPostProcessor portCheck(Environment environment) {
        return beanFactory -> {
            String port = environment.getProperty("PORT", "8080");
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new InvalidConfigurationPropertyValueException(
                        "server.port", port, "PORT must be a whole number from 0 to 65535");
            }
        };
    }

    /** One line for a failed start: the configuration error that caused it, or the root cause. */
    private static String startupError(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof InvalidConfigurationPropertyValueException invalid
                    ? invalid.getReason()
                    : t instanceof IllegalArgumentException ? t.getMessage() : null;
            if (message != null && message.matches("^[A-Z_]+ .*")) { // names the variable: JWT_ISSUER is required
                return "Configuration error: " + message;
            }
            if (t instanceof java.net.BindException) {
                return "Cannot start: the port is in use (set PORT to another one)";
            }
            root = t;
        }
        return "Cannot start: " + root.getMessage();
    }
}
