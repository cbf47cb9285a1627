package com.example.jwt.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.net.BindException;

/**
 * Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar quarkus.jar}. A start that fails prints one line
 * (no stack trace) and exits with 2 for a configuration error, 1 otherwise.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, ANS-8.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        try {
            JwtSettings.checkPort(System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            exit(e);
        }
        // Quarkus answers a request target that java.net.URI cannot parse (/%zz, /a<b>) with an empty 400 before any
        // handler runs. Without that check, Vert.x Web's router refuses such a target itself (400 for a bad escape,
        // else no route: 404), and JsonErrors answers it in JSON.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(null, (status, failure) -> exit(failure), args);
    }

    private static void exit(Throwable failure) {
        if (failure == null) {
            System.exit(0);
        }
        String line = "Cannot start: " + failure.getMessage();
        int status = 1;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    && t.getMessage() != null
                    && t.getMessage().matches("^[A-Z_]+[ =].*")) {
                // names the variable: "JWT_ISSUER is required", "JWT_ALLOW_ANY_AUDIENCE=true contradicts ..."
                line = "Configuration error: " + t.getMessage();
                status = 2;
                break;
            }
            if (t instanceof BindException) {
                line = "Cannot start: the port is in use (set PORT to another one)";
            }
        }
        System.err.println(line);
        System.exit(status);
    }
}
