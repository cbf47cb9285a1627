package com.example.jwt.tools;

import com.example.jwt.contract.Answer;
import com.example.jwt.contract.Case;
import com.example.jwt.contract.ContractCases;
import com.example.jwt.contract.Http;
import com.example.jwt.contract.RunningApp;
import com.example.jwt.contract.Target;
import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.runner.ContractRunner;
import com.example.jwt.runner.ProcessLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory compared fairly: for each packaged app, the smallest {@code -Xmx} (from a fixed ladder) with which it passes
 * the whole contract and then a one-minute load run without a single error, and its resident memory at that heap
 * after the load. The JVM's default heap on a large machine says more about the JVM's ergonomics than about the app.
 *
 * <pre>java -cp jwt-tools.jar com.example.jwt.tools.Footprint FOOTPRINT.md app...</pre>
 *
 * Also writes {@code benchmarks/footprint.tsv} (app, smallest heap, resident memory), which scripts/compare.sh reads.
 * Not part of the tests: it takes about 20 minutes. Run from the repository root after a package.
 */
public final class Footprint {
    private static final int[] HEAPS_MIB = {16, 24, 32, 48, 64, 96, 128, 192, 256};
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final int CLIENTS = 16;

    private record Result(String app, int heapMib, long rssKib, long requests, String tried) {}

    private Footprint() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Footprint <report.md> <app>...");
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            results.add(smallestHeap(java, args[i]));
        }
        StringBuilder md = new StringBuilder("# Footprint\n\nMeasured on " + LocalDate.now() + " by `bash "
                + "scripts/footprint.sh`, on " + Compare.machine() + ": the smallest `-Xmx` of " + heaps()
                + " MiB with which the packaged app passes the whole contract and then " + LOAD.toSeconds()
                + " s of load (" + CLIENTS + " clients, valid RS256, ES256 and EdDSA tokens) without an error, and"
                + " its resident memory at that heap after the load.\n\n"
                + "| app | smallest heap | resident memory after the load | requests in the load | heaps tried |\n"
                + "|---|---|---|---|---|\n");
        StringBuilder tsv = new StringBuilder("app\theap_mib\trss_mib\n");
        for (Result r : results) {
            md.append("| ")
                    .append(r.app())
                    .append(" | ")
                    .append(r.heapMib() < 0 ? "none" : "-Xmx" + r.heapMib() + "m")
                    .append(" | ")
                    .append(r.rssKib() < 0 ? "n/a" : r.rssKib() / 1024 + " MiB")
                    .append(" | ")
                    .append(r.requests())
                    .append(" | ")
                    .append(r.tried())
                    .append(" |\n");
            tsv.append(r.app())
                    .append('\t')
                    .append(r.heapMib())
                    .append('\t')
                    .append(r.rssKib() / 1024)
                    .append('\n');
        }
        Files.writeString(Path.of(args[0]), md);
        Files.writeString(Path.of("benchmarks", "footprint.tsv"), tsv);
        System.out.println();
        System.out.print(md);
    }

    private static String heaps() {
        StringBuilder s = new StringBuilder();
        for (int h : HEAPS_MIB) {
            s.append(s.isEmpty() ? "" : ", ").append(h);
        }
        return s.toString();
    }

    private static Result smallestHeap(String java, String app) throws Exception {
        List<String> tried = new ArrayList<>();
        for (int heap : HEAPS_MIB) {
            String command = "ADMIN_PORT=0 '" + java + "' -Xmx" + heap + "m -jar " + app + "/target/" + app + ".jar";
            System.out.println("== " + app + " with -Xmx" + heap + "m");
            long failed = contractFailures(command, app);
            if (failed > 0) {
                System.out.println("   the contract failed");
                tried.add(heap + " (contract)");
                continue;
            }
            long[] load = load(command);
            if (load[1] > 0) {
                System.out.println("   " + load[1] + " error(s) in " + load[0] + " requests under load");
                tried.add(heap + " (load)");
                continue;
            }
            tried.add(heap + " (passed)");
            System.out.println("   passed: " + load[0] + " requests, " + load[2] / 1024 + " MiB resident");
            return new Result(app, heap, load[2], load[0], String.join(", ", tried));
        }
        return new Result(app, -1, -1, 0, String.join(", ", tried));
    }

    /** 0 when every case passes; else 1, at the first failing case (a heap too small fails fast, or crawls). */
    private static long contractFailures(String command, String app) {
        ProcessLauncher launcher = new ProcessLauncher(command, Duration.ofSeconds(60));
        try (ContractRunner runner = ContractRunner.launching(launcher, launcher)) {
            for (Case c : ContractCases.all()) {
                ContractRunner.Result r = runner.run(c, app);
                if (r.status() == ContractRunner.Status.FAIL || r.status() == ContractRunner.Status.SKIP) {
                    System.out.println("   " + c.id() + ": "
                            + r.message().lines().findFirst().orElse(""));
                    return 1;
                }
            }
        }
        return 0;
    }

    /** {requests, errors, resident KiB after the load}. */
    private static long[] load(String command) throws Exception {
        try (MockIssuer issuer = MockIssuer.start();
                Http http = new Http();
                RunningApp app =
                        new ProcessLauncher(command, Duration.ofSeconds(120)).start(Target.defaultEnv(issuer))) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                tokens.add("Bearer "
                        + issuer.token(List.of("RS256", "ES256", "EdDSA").get(i % 3))
                                .compact());
            }
            AtomicLong requests = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long end = System.nanoTime() + LOAD.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                loops.add(clients.submit(() -> {
                    for (int i = offset; System.nanoTime() < end; i += CLIENTS) {
                        try {
                            Answer a = http.get(
                                    app.baseUri().resolve("/protected"),
                                    "Authorization",
                                    tokens.get(i % tokens.size()));
                            if (a.status() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (AssertionError | RuntimeException e) {
                            errors.incrementAndGet();
                        }
                        requests.incrementAndGet();
                    }
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();
            return new long[] {requests.get(), errors.get(), Compare.residentKib(app.pid())};
        }
    }
}
