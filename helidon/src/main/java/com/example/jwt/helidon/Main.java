package com.example.jwt.helidon;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.HashMap;
import java.util.Map;

/** Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar helidon.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            if (!start(System.getenv()).isRunning()) {
                System.err.println("Cannot start: the port is in use (set PORT to another one)");
                System.exit(1);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts the server with these variables over application.yaml; throws naming a malformed variable. */
    static WebServer start(Map<String, String> env) {
        JwtSettings settings = JwtSettings.from(config(env));
        return WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .routing(routing -> routing(routing, settings))
                .directHandlers(JsonErrors.directHandlers())
                .build()
                .start();
    }

    /** The routes: JwtAuth guards /protected, then ProtectedResource answers. The test reuses this. */
    static void routing(HttpRouting.Builder routing, JwtSettings settings) {
        routing.any("/protected", new JwtAuth(settings));
        if (settings.requiredScope() != null) {
            routing.any("/protected", JwtAuth.requireScope(settings.requiredScope()));
        }
        routing.register(new ProtectedResource());
    }

    /** application.yaml holds the defaults; each variable of the app interface overrides its key. */
    static Config config(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        JwtSettings.VARIABLES.forEach((variable, key) -> {
            if (env.get(variable) != null) {
                overrides.put(key, env.get(variable));
            }
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(overrides), ConfigSources.classpath("application.yaml"))
                .build();
    }
}
