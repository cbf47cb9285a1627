package com.example.jwt.runner;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.Consequence;
import com.example.jwt.contract.Finding;
import com.example.jwt.contract.Findings;
import com.example.jwt.contract.Http;
import com.example.jwt.contract.KnownDeviations;
import com.example.jwt.contract.Launcher;
import com.example.jwt.contract.RunningApp;
import com.example.jwt.contract.Target;
import com.example.jwt.issuer.MockIssuer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs cases against an app: the JUnit suite and the command-line tool both use it, so the contract is written once.
 * Shared cases run one after the other against one app, started on first use. FRESH and LAUNCHER cases get their own
 * issuer and app, and run beside them, a few at a time: most of their time is spent waiting for a cache to expire.
 */
public final class ContractRunner implements AutoCloseable {
    /** How many cases with apps of their own run at once unless told otherwise ({@code -Dcontract.parallel=N}). */
    public static final int DEFAULT_PARALLEL = Integer.getInteger("contract.parallel", 3);

    /** How long the end of a run waits for each app that is still stopping. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(40);

    public enum Status {
        PASS,
        FAIL,
        /** A known deviation of the app (see {@link KnownDeviations}) that failed exactly as it is listed. */
        DEVIATES,
        SKIP
    }

    /** Why a case is skipped when the service was started by someone else ({@code --url}): the only fine reason. */
    public static final String NEEDS_LAUNCH = "needs to start the service itself; run with --launch";

    /** Why a PROCESS case is skipped where the suite cannot start the app as a process. */
    public static final String NEEDS_PROCESS = "needs to start the app as a process (to read its output and exit)";

    /**
     * The outcome of one case: every finding, a message that says why it failed (all findings, one a line), was
     * skipped or deviates, and {@code crash}: null when the case ran to its end or stopped on a check of its own;
     * else how it broke off (an exception in the case, or a request the suite's deadline cut short).
     */
    public record Result(Case c, Status status, String message, long millis, List<Finding> findings, String crash) {}

    private final Launcher launcher;
    private final Launcher processes;
    private final Http http = new Http();
    /** The warm-up's own connections: none of its exchanges can share a connection with a case's. */
    private final Http warmUp = new Http();

    private MockIssuer sharedIssuer;
    private RunningApp sharedApp;
    private URI sharedUri;
    private Throwable sharedStartFailure;
    private final List<Thread> stopping = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ContractRunner(Launcher launcher, Launcher processes, MockIssuer sharedIssuer, URI sharedUri) {
        this.launcher = launcher == null ? null : warmed(launcher);
        this.processes = processes;
        this.sharedIssuer = sharedIssuer;
        this.sharedUri = sharedUri;
    }

    /**
     * Starts apps through this launcher, as many as the cases need; PROCESS cases are skipped ({@link #NEEDS_PROCESS}).
     */
    public static ContractRunner launching(Launcher launcher) {
        return new ContractRunner(launcher, null, null, null);
    }

    /**
     * Starts apps through {@code launcher}, and through {@code processes} as operating-system processes for the cases
     * that read what the app prints and how it exits (both may start the same command).
     */
    public static ContractRunner launching(Launcher launcher, Launcher processes) {
        return new ContractRunner(launcher, processes, null, null);
    }

    /**
     * Runs against an app someone else started, configured for this issuer (null when the cases bring their own, as
     * {@link RealIssuerRun}'s do); FRESH and LAUNCHER cases are skipped.
     */
    public static ContractRunner against(URI app, MockIssuer issuer) {
        return new ContractRunner(null, null, issuer, app);
    }

    /**
     * Runs the cases, shared ones in order on this thread and the others up to {@code parallel} at a time beside them;
     * each result goes to {@code done} in the order of the cases, as soon as it and those before it are known.
     */
    public List<Result> runAll(List<Case> cases, String framework, int parallel, Consumer<Result> done) {
        try (Schedule schedule = schedule(cases, framework, parallel)) {
            List<Result> results = new ArrayList<>();
            for (Case c : cases) {
                Result r = schedule.result(c);
                results.add(r);
                done.accept(r);
            }
            return results;
        }
    }

    /**
     * Starts the cases with apps of their own, up to {@code parallel} at a time; {@link Schedule#result} waits for
     * one of them, or runs a shared case on the calling thread.
     */
    public Schedule schedule(List<Case> cases, String framework, int parallel) {
        return new Schedule(cases, framework, parallel);
    }

    /** Cases under way; see {@link #schedule}. */
    public final class Schedule implements AutoCloseable {
        private final ExecutorService pool;
        private final Map<Case, CompletableFuture<Result>> own = new LinkedHashMap<>();
        private final String framework;

        private Schedule(List<Case> cases, String framework, int parallel) {
            this.framework = framework;
            pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
                Thread t = new Thread(r, "contract-case");
                t.setDaemon(true);
                return t;
            });
            for (Case c : cases) {
                if (c.setup().kind() != Case.Setup.Kind.SHARED) {
                    own.put(c, CompletableFuture.supplyAsync(() -> run(c, framework), pool));
                }
            }
        }

        public Result result(Case c) {
            CompletableFuture<Result> future = own.get(c);
            return future != null ? future.join() : run(c, framework);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * Runs one case. A case on the framework's known-deviations list must fail exactly as listed: it is then
     * {@link Status#DEVIATES}; passing, or failing any other way, is a failure (so the list cannot go stale).
     */
    public Result run(Case c, String framework) {
        return run(c, framework, KnownDeviations.of(framework, c.id()));
    }

    /** Runs one case as {@link #run(Case, String)} does, held to this deviation (null: none) in place of the list's. */
    public Result run(Case c, String framework, KnownDeviations.Deviation deviation) {
        long start = System.nanoTime();
        Findings findings = new Findings();
        String skip = null;
        String crash = null;
        try {
            skip = execute(c, findings);
        } catch (Http.NoAnswer e) {
            crash = "hung: " + e.getMessage() + " (the suite waits " + Http.REQUEST_TIMEOUT.toSeconds() + " s)";
            findings.add(new Finding(c.requirement(), Consequence.FAILS_UNDER_FAULTS, crash));
        } catch (Throwable e) {
            crash = "the case could not run: " + Http.rootMessage(e);
            findings.add(new Finding(c.requirement(), Consequence.FAILS_UNDER_FAULTS, crash));
        }
        List<Finding> found = findings.list();
        Status status = skip != null ? Status.SKIP : found.isEmpty() ? Status.PASS : Status.FAIL;
        String message = skip != null ? skip : found.stream().map(Finding::line).collect(Collectors.joining("\n"));
        if (deviation != null && status != Status.SKIP) {
            String mismatch = deviation.mismatch(found);
            if (status == Status.PASS) {
                status = Status.FAIL;
                message = "listed as a known deviation of " + framework + " but passes: remove it from KnownDeviations";
            } else if (mismatch == null) {
                status = Status.DEVIATES;
                message = "known deviation: " + deviation.reason();
            } else {
                message = "listed as a known deviation of " + framework + ", but it fails otherwise (" + mismatch
                        + "):\n" + message;
            }
        }
        return new Result(
                c, status, message.isEmpty() ? null : message, (System.nanoTime() - start) / 1_000_000, found, crash);
    }

    /** Runs the case; returns null when it ran, or why it was skipped. */
    private String execute(Case c, Findings findings) throws Exception {
        switch (c.setup().kind()) {
            case SHARED -> {
                // Against an app someone else started, the issuer is theirs (null for the real-issuer cases).
                MockIssuer issuer = launcher == null ? sharedIssuer : sharedIssuer();
                findings.collect(c.body(), new Target(issuer, sharedApp(), http, Map.of(), launcher, processes));
                return null;
            }
            case FRESH -> {
                if (launcher == null) {
                    return NEEDS_LAUNCH;
                }
                MockIssuer issuer = MockIssuer.start();
                RunningApp app = null;
                try {
                    c.setup().beforeStart().accept(issuer);
                    Map<String, String> env = new LinkedHashMap<>(Target.defaultEnv(issuer));
                    Map<String, String> overrides =
                            new LinkedHashMap<>(c.setup().overrides());
                    overrides.putAll(c.setup().computed().apply(issuer));
                    overrides.forEach((k, v) -> {
                        if (v == null) {
                            env.remove(k);
                        } else {
                            env.put(k, v);
                        }
                    });
                    app = launcher.start(env);
                    findings.collect(c.body(), new Target(issuer, app.baseUri(), http, env, launcher, processes));
                } finally {
                    issuer.close(); // first: a fetch the app still waits for ends now, so the app stops sooner
                    if (app != null) {
                        closeLater(app);
                    }
                }
                return null;
            }
            case LAUNCHER, PROCESS -> {
                if (launcher == null) {
                    return NEEDS_LAUNCH;
                }
                if (c.setup().kind() == Case.Setup.Kind.PROCESS && processes == null) {
                    return NEEDS_PROCESS;
                }
                try (MockIssuer issuer = MockIssuer.start()) {
                    findings.collect(
                            c.body(), new Target(issuer, null, http, Target.defaultEnv(issuer), launcher, processes));
                }
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Each app the suite starts gets a GET /health and a GET /protected without a token before any case sees it: the
     * cases that time answers judge the app, not the first request's class loading. Neither request fetches keys.
     */
    private Launcher warmed(Launcher start) {
        return env -> {
            RunningApp app = start.start(env);
            try {
                warmUp.status(app.baseUri().resolve("/health"));
                warmUp.status(app.baseUri().resolve("/protected"));
            } catch (RuntimeException ignored) {
                // the cases will see it
            }
            return app;
        };
    }

    /**
     * Stops an app beside the next cases: a framework's graceful stop may wait for requests that a library still
     * retries against the closed issuer (jose4j's documented consumer: seconds per request, one after the other), and
     * no verdict depends on it. {@link #close} waits for every stop.
     */
    private void closeLater(RunningApp app) {
        Thread stopper = new Thread(app::close, "contract-stop");
        stopper.setDaemon(true);
        stopping.add(stopper);
        stopper.start();
    }

    private synchronized MockIssuer sharedIssuer() throws Exception {
        if (sharedIssuer == null) {
            sharedIssuer = MockIssuer.start();
        }
        return sharedIssuer;
    }

    private synchronized URI sharedApp() throws Exception {
        if (sharedStartFailure != null) {
            throw new IllegalStateException("the app did not start: " + Http.rootMessage(sharedStartFailure));
        }
        if (sharedUri == null) {
            try {
                sharedApp = launcher.start(Target.defaultEnv(sharedIssuer()));
                sharedUri = sharedApp.baseUri();
            } catch (Exception e) {
                sharedStartFailure = e;
                throw new IllegalStateException("the app did not start: " + Http.rootMessage(e), e);
            }
        }
        return sharedUri;
    }

    @Override
    public void close() {
        if (sharedIssuer != null && launcher != null) {
            sharedIssuer.close();
        }
        if (sharedApp != null) {
            sharedApp.close();
        }
        for (Thread stopper : stopping) {
            try {
                stopper.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
        warmUp.close();
    }
}
