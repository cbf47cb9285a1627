package com.example.jwt.micronaut;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.net.BindException;

/**
 * Starts the app: {@code JWT_ISSUER=https://idp.example.com JWT_AUDIENCE=https://api.example.com java -jar
 * micronaut.jar}, Micronaut's way ({@link Micronaut}, which reads the variables as properties: JWT_ISSUER as
 * jwt.issuer). One thing differs: a start that fails prints one line (no stack trace) and exits with 2 for a
 * configuration error, 1 otherwise, where Micronaut logs the exception with its stack trace and exits with 1.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2.
 */
public class Main {

    public static void main(String[] args) {
        new Micronaut() {
            @Override
            protected void handleStartupException(Environment environment, Throwable e) {
                String line = startupError(e);
                System.err.println(line);
                System.exit(line.startsWith("Configuration error") ? 2 : 1);
            }
        }.mainClass(Main.class).args(args).banner(false).start();
    }

    /** One line for a failed start: the configuration error that caused it, or the root cause. */
    static String startupError(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    && t.getMessage() != null
                    && t.getMessage().matches("^[A-Z_]+[ :].*")) {
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
