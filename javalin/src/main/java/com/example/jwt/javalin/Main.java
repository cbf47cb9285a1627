package com.example.jwt.javalin;

import com.example.jwt.jose4j.FastSignatures;
import com.example.jwt.jose4j.Rejection;
import com.example.jwt.jose4j.TokenVerifier;
import io.javalin.Javalin;
import java.net.BindException;

/**
 * Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar javalin.jar}. A start that fails prints one line
 * (no stack trace) and exits with 2 for a configuration error, 1 otherwise.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, REQ-1.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            app(JwtSettings.from(System.getenv())).start();
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            boolean portTaken = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                portTaken |= t instanceof BindException;
            }
            System.err.println(
                    portTaken
                            ? "Cannot start: the port is in use (set PORT to another one)"
                            : "Cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The app, not yet started: its routes with their roles, the JWT check before them, and JSON errors. */
    static Javalin app(JwtSettings settings) {
        // FastSignatures: speed only; without it: new TokenVerifier(settings.verifier())
        TokenVerifier verifier = new TokenVerifier(settings.verifier(), new FastSignatures());
        JwtAuth auth = new JwtAuth(verifier, settings.tokenHeader());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.prefer405over404 = true; // POST /protected: 405, not 404
            config.routes.beforeMatched(auth);
            config.routes.exception(Rejection.class, JwtAuth::answer);
            config.routes.get("/health", ProtectedResource::health);
            config.routes.get(
                    "/protected", ProtectedResource::protectedResource, JwtAuth.roles(settings.requiredScope()));
            // Without a HEAD route of its own, Javalin answers HEAD for a GET route itself, with 200 and without
            // running beforeMatched handlers: no token would be checked.
            config.routes.head(
                    "/protected", ProtectedResource::protectedResource, JwtAuth.roles(settings.requiredScope()));
            JsonErrors.install(config);
        });
    }
}
