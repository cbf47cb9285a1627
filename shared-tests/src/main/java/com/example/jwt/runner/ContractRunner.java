package com.example.jwt.runner;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.Http;
import com.example.jwt.contract.KnownDeviations;
import com.example.jwt.contract.RunningApp;
import com.example.jwt.contract.Target;
import com.example.jwt.issuer.MockIssuer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs cases against an app: the JUnit suite and the command-line tool both use it, so the contract is written once.
 * Shared cases run against one app, started on first use. FRESH cases get their own issuer and app.
 */
public final class ContractRunner implements AutoCloseable {
    public enum Status {
        PASS,
        FAIL,
        SKIP
    }

    /** The outcome of one case; {@code message} says why it failed or was skipped. */
    public record Result(Case c, Status status, String message, long millis) {}

    private final Launcher launcher;
    private final Http http = new Http();
    private MockIssuer sharedIssuer;
    private RunningApp sharedApp;
    private URI sharedUri;
    private Throwable sharedStartFailure;

    private ContractRunner(Launcher launcher, MockIssuer sharedIssuer, URI sharedUri) {
        this.launcher = launcher;
        this.sharedIssuer = sharedIssuer;
        this.sharedUri = sharedUri;
    }

    /** Starts apps through this launcher, as many as the cases need. */
    public static ContractRunner launching(Launcher launcher) {
        return new ContractRunner(launcher, null, null);
    }

    /** Runs against an app someone else started, configured for this issuer; FRESH and LAUNCHER cases are skipped. */
    public static ContractRunner against(URI app, MockIssuer issuer) {
        return new ContractRunner(null, issuer, app);
    }

    /**
     * Runs one case. A case on the framework's known-deviations list is expected to fail: it is reported as
     * skipped with the reason, and fails if it passes (so the list cannot go stale).
     */
    public Result run(Case c, String framework) {
        long start = System.nanoTime();
        String deviation = KnownDeviations.reason(framework, c.id());
        Status status;
        String message;
        try {
            String skip = execute(c);
            status = skip == null ? Status.PASS : Status.SKIP;
            message = skip;
        } catch (Throwable e) {
            status = Status.FAIL;
            message = e instanceof AssertionError ? e.getMessage() : "the case could not run: " + Http.rootMessage(e);
        }
        if (deviation != null) {
            if (status == Status.PASS) {
                status = Status.FAIL;
                message = "listed as a known deviation of " + framework + " but passes: remove it from KnownDeviations";
            } else if (status == Status.FAIL) {
                status = Status.SKIP;
                message = "known deviation: " + deviation;
            }
        }
        return new Result(c, status, message, (System.nanoTime() - start) / 1_000_000);
    }

    /** Runs the case; returns null when it passed, or why it was skipped. */
    private String execute(Case c) throws Exception {
        switch (c.setup().kind()) {
            case SHARED -> {
                c.body().run(new Target(sharedIssuer(), sharedApp(), http, Map.of(), launcher));
                return null;
            }
            case FRESH -> {
                if (launcher == null) {
                    return "needs an app started with other settings; run with --launch";
                }
                try (MockIssuer issuer = MockIssuer.start()) {
                    c.setup().beforeStart().accept(issuer);
                    Map<String, String> env = new LinkedHashMap<>(Target.defaultEnv(issuer));
                    c.setup().overrides().forEach((k, v) -> {
                        if (v == null) {
                            env.remove(k);
                        } else {
                            env.put(k, v);
                        }
                    });
                    try (RunningApp app = launcher.start(env)) {
                        c.body().run(new Target(issuer, app.baseUri(), http, env, launcher));
                    }
                }
                return null;
            }
            case LAUNCHER -> {
                if (launcher == null) {
                    return "needs to start the app itself; run with --launch";
                }
                try (MockIssuer issuer = MockIssuer.start()) {
                    c.body().run(new Target(issuer, null, http, Target.defaultEnv(issuer), launcher));
                }
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    private MockIssuer sharedIssuer() throws Exception {
        if (sharedIssuer == null) {
            sharedIssuer = MockIssuer.start();
        }
        return sharedIssuer;
    }

    private URI sharedApp() throws Exception {
        if (sharedStartFailure != null) {
            throw new AssertionError("the app did not start: " + Http.rootMessage(sharedStartFailure));
        }
        if (sharedUri == null) {
            try {
                sharedApp = launcher.start(Target.defaultEnv(sharedIssuer()));
                sharedUri = sharedApp.baseUri();
            } catch (Exception e) {
                sharedStartFailure = e;
                throw new AssertionError("the app did not start: " + Http.rootMessage(e), e);
            }
        }
        return sharedUri;
    }

    @Override
    public void close() {
        if (sharedApp != null) {
            sharedApp.close();
        }
        if (sharedIssuer != null && launcher != null) {
            sharedIssuer.close();
        }
        http.close();
    }
}
