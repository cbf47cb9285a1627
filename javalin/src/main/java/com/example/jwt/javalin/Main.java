package com.example.jwt.javalin;

import io.javalin.Javalin;

/** Starts the app: {@code JWT_ISSUER=https://idp.example.com java -jar javalin.jar}. */
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
                portTaken |= t instanceof java.net.BindException;
            }
            System.err.println(
                    portTaken
                            ? "Cannot start: the port is in use (set PORT to another one)"
                            : "Cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The app, not yet started: its routes, the JWT check before them, and JSON errors. */
    static Javalin app(JwtSettings settings) {
        JwtAuth auth = new JwtAuth(settings);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.prefer405over404 = true; // POST /protected: 405, not 404
            config.routes.beforeMatched(auth);
            config.routes.exception(Rejection.class, JwtAuth::answer);
            config.routes.get("/health", ProtectedResource::health);
            config.routes.get("/protected", ProtectedResource::protectedResource, JwtAuth.roles(settings));
            // REQ-1: without a HEAD route of its own, Javalin answers HEAD for a GET route itself, with 200 and
            // without running beforeMatched handlers: no token would be checked.
            config.routes.head("/protected", ProtectedResource::protectedResource, JwtAuth.roles(settings));
            JsonErrors.install(config);
        });
    }
}
