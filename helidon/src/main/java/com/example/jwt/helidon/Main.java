package com.example.jwt.helidon;

import com.example.jwt.jose4j.FastSignatures;
import com.example.jwt.jose4j.TokenVerifier;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar helidon.jar}. A start that fails prints one line
 * (no stack trace) and exits with 2 for a configuration error, 1 otherwise.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2.
 */
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

    /** Starts the server with these environment variables over application.yaml; throws naming a bad variable. */
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

    /** The routes: JwtAuth guards /protected, then ProtectedResource answers. The tests reuse this. */
    static void routing(HttpRouting.Builder routing, JwtSettings settings) {
        // FastSignatures: speed only; without it: new TokenVerifier(settings.verifier())
        TokenVerifier verifier = new TokenVerifier(settings.verifier(), new FastSignatures());
        routing.any("/protected", new JwtAuth(verifier, settings.tokenHeader()));
        if (settings.requiredScope() != null) {
            routing.any("/protected", JwtAuth.requireScope(settings.requiredScope()));
        }
        routing.register(new ProtectedResource());
    }

    /**
     * application.yaml holds the defaults; the environment variables override them through Helidon's own mapping, in
     * which JWT_JWKS_CACHE_SECONDS is the key {@code jwt.jwks.cache.seconds}. HOST and PORT have no {@code _}, so that
     * mapping gives them no key of their own: they stand for SERVER_HOST and SERVER_PORT, that is server.host and
     * server.port.
     */
    static Config config(Map<String, String> env) {
        Map<String, String> variables = new HashMap<>(env);
        if (env.containsKey("HOST")) {
            variables.put("SERVER_HOST", env.get("HOST"));
        }
        if (env.containsKey("PORT")) {
            variables.put("SERVER_PORT", env.get("PORT"));
        }
        return Config.builder()
                .disableEnvironmentVariablesSource() // replaced by the one below: the same mapping, of these variables
                .disableSystemPropertiesSource()
                .sources(
                        ConfigSources.create(EnvironmentVariables.expand(variables)),
                        ConfigSources.classpath("application.yaml"))
                .build();
    }
}
