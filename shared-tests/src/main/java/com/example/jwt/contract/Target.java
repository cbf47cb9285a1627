package com.example.jwt.contract;

import com.example.jwt.issuer.MockIssuer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a case works with: the issuer, the app it started with {@link #env}, a client, and the launcher. */
public final class Target {
    public final MockIssuer issuer;
    public final Http http;
    /** The variables the app was started with (for LAUNCHER cases: the defaults a case may start from). */
    public final Map<String, String> env;

    private final URI app;
    private final Launcher launcher;
    private final Launcher processes;

    /**
     * The runner makes one per case; {@code app} is null for LAUNCHER and PROCESS cases, which start apps
     * themselves; {@code processes} starts the app as an operating-system process (null where none can be started).
     */
    public Target(
            MockIssuer issuer, URI app, Http http, Map<String, String> env, Launcher launcher, Launcher processes) {
        this.issuer = issuer;
        this.app = app;
        this.http = http;
        this.env = env;
        this.launcher = launcher;
        this.processes = processes;
    }

    /** The variables every app under test gets: this issuer, the suite's audience, a 1 s JWKS timeout. */
    public static Map<String, String> defaultEnv(MockIssuer issuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("JWT_ISSUER", issuer.issuer());
        env.put("JWT_AUDIENCE", MockIssuer.AUDIENCE);
        env.put("JWT_JWKS_TIMEOUT_MS", String.valueOf(JWKS_TIMEOUT_MS));
        return env;
    }

    /** The JWKS timeout the suite configures; answers that wait on a fetch must come within this plus 1 s. */
    public static final long JWKS_TIMEOUT_MS = 1000;

    /** Where the app listens: {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return app;
    }

    public URI uri(String pathAndQuery) {
        return app.resolve(pathAndQuery);
    }

    /** GET /protected with these headers (name, value, ...). */
    public Answer protectedWith(String... headers) {
        return http.get(uri("/protected"), headers);
    }

    /** GET /protected with {@code Authorization: Bearer <token>}. */
    public Answer bearer(String token) {
        return protectedWith("Authorization", "Bearer " + token);
    }

    /** A request written by hand: any method, any request target, repeated header fields ("Name: value" lines). */
    public Answer raw(String method, String target, String... headerLines) {
        return http.rawRequest(app, method, target, headerLines);
    }

    public Answer health() {
        return http.get(uri("/health"));
    }

    /** The same client and launcher, aimed at another app and issuer (for cases that start apps themselves). */
    public Target with(RunningApp app, MockIssuer otherIssuer, Map<String, String> variables) {
        return new Target(otherIssuer, app.baseUri(), http, variables, launcher, processes);
    }

    /** Starts another app; LAUNCHER cases use it. */
    public RunningApp launch(Map<String, String> variables) throws Exception {
        return launcher.start(variables);
    }

    /**
     * Starts the app as an operating-system process, whose {@link RunningApp#output} is what it prints; a start that
     * fails throws a {@link Launcher.Exited}. PROCESS cases use it.
     */
    public RunningApp launchProcess(Map<String, String> variables) throws Exception {
        return processes.start(variables);
    }

    int port() {
        return app.getPort();
    }
}
