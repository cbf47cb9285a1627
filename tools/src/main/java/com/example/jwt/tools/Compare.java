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
import com.example.jwt.runner.RecordedFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side comparison: runs the contract against every packaged app through its command, and measures what
 * a reader weighs when choosing: cold starts to the first 200 on /health and with a valid token (also with the AOT
 * cache), the smallest heap and resident memory, lines of JWT code and the jars it ships. Prints a requirement x
 * framework matrix and writes it as Markdown.
 *
 * <pre>java -cp jwt-tools.jar com.example.jwt.tools.Compare COMPARISON.md app...</pre>
 *
 * Run from the repository root after a package; scripts/compare.sh does both.
 */
public final class Compare {
    private static final int WARM_REQUESTS = 2000;
    private static final int COLD_STARTS = 5;

    /** An app: its command, the command with its AOT cache (null without one), and its heap (-1: the default). */
    private record App(String name, String command, String fastCommand, int heapMib, Path jarList) {}

    private record Measured(
            App app,
            Map<String, ContractRunner.Result> results,
            long rssKib,
            CodeLines jwtLines,
            int jars,
            List<ColdStart.Times> cold,
            List<ColdStart.Times> fast,
            SmallestHeap footprint) {}

    /** The smallest heap passing the contract and the load run, and the resident memory there (FOOTPRINT.md). */
    private record SmallestHeap(int heapMib, int rssMib) {}

    private Compare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Compare <report.md> <app>...   (scripts/compare.sh passes scripts/apps.sh)");
            System.exit(2);
        }
        // The apps need Java 21+, like this JVM: launch them with the same java.
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Measured> measured = new ArrayList<>();
        Map<String, SmallestHeap> footprints = footprints(Path.of("benchmarks", "footprint.tsv"));
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String env = name.equals("dropwizard") ? "ADMIN_PORT=0 " : ""; // several instances run at once
            SmallestHeap footprint = footprints.get(name);
            int heap = footprint == null ? -1 : startingHeap(footprint.heapMib());
            String jvm = env + "'" + java + "'" + (heap < 0 ? "" : " -Xmx" + heap + "m");
            Path fastStart = Path.of(name, "target", "fast-start.txt");
            String fast = Files.exists(fastStart)
                    ? jvm + " " + Files.readString(fastStart).strip()
                    : null;
            App app = new App(
                    name,
                    jvm + " -jar " + name + "/target/" + name + ".jar",
                    fast,
                    heap,
                    Path.of(name, "target/runtime-jars.txt"));
            System.out.println("== " + name + ": " + app.command());
            measured.add(measure(app, footprint));
        }
        String markdown = markdown(measured);
        Files.writeString(Path.of(args[0]), markdown);
        System.out.println();
        System.out.println(markdown);
        long failures = measured.stream()
                .flatMap(m -> m.results().values().stream())
                .filter(r -> r.status() == ContractRunner.Status.FAIL || r.status() == ContractRunner.Status.SKIP)
                .count();
        System.exit(failures == 0 ? 0 : 1); // a case that could not run proved nothing
    }

    /** The heap a user should start from: twice the smallest that passed, so that a heavier day does not fail. */
    static int startingHeap(int smallestMib) {
        return smallestMib * 2;
    }

    private static Measured measure(App app, SmallestHeap footprint) throws Exception {
        ProcessLauncher launcher = new ProcessLauncher(app.command(), Duration.ofSeconds(120));
        long rss;
        List<ColdStart.Times> cold;
        List<ColdStart.Times> fast = List.of();
        try (MockIssuer issuer = MockIssuer.start();
                Http http = new Http()) {
            cold = ColdStart.measure(app.command(), Target.defaultEnv(issuer), issuer, COLD_STARTS);
            if (app.fastCommand() != null) {
                fast = ColdStart.measure(app.fastCommand(), Target.defaultEnv(issuer), issuer, COLD_STARTS);
            }
            try (RunningApp running = launcher.start(Target.defaultEnv(issuer))) {
                for (int i = 0; i < WARM_REQUESTS; i++) {
                    String alg = List.of("RS256", "ES256", "EdDSA").get(i % 3);
                    Answer a = http.get(
                            running.baseUri().resolve("/protected"),
                            "Authorization",
                            "Bearer " + issuer.token(alg).compact());
                    if (a.status() != 200) {
                        throw new IllegalStateException(app.name() + " rejected a valid token: " + a.status());
                    }
                }
                rss = residentKib(running.pid());
            }
        }
        Map<String, ContractRunner.Result> results = new LinkedHashMap<>();
        try (ContractRunner runner = ContractRunner.launching(launcher, launcher)) {
            runner.runAll(ContractCases.all(), app.name(), ContractRunner.DEFAULT_PARALLEL, r -> {
                results.put(r.c().id(), r);
                if (r.status() != ContractRunner.Status.PASS) {
                    System.out.println("  " + r.status() + " " + r.c().id() + " " + r.message());
                }
            });
        }
        long passed = results.values().stream()
                .filter(r -> r.status() == ContractRunner.Status.PASS)
                .count();
        System.out.printf(
                "   %d/%d cases pass; /health after %d ms, first authenticated 200 after %d ms (median of %d"
                        + " cold starts)%s; %d MiB resident after %d requests%n",
                passed,
                results.size(),
                healthMedian(cold),
                authMedian(cold),
                cold.size(),
                fast.isEmpty() ? "" : ", with the AOT cache " + healthMedian(fast) + " / " + authMedian(fast) + " ms",
                rss / 1024,
                WARM_REQUESTS);
        return new Measured(app, results, rss, CodeLines.of(app.name()), jars(app.jarList()), cold, fast, footprint);
    }

    private static long healthMedian(List<ColdStart.Times> times) {
        return ColdStart.median(
                times.stream().map(ColdStart.Times::healthMillis).toList());
    }

    private static long authMedian(List<ColdStart.Times> times) {
        return ColdStart.median(
                times.stream().map(ColdStart.Times::authenticatedMillis).toList());
    }

    /** app, smallest heap and resident memory per line, from the last footprint run; empty when there is none. */
    private static Map<String, SmallestHeap> footprints(Path tsv) throws IOException {
        Map<String, SmallestHeap> all = new LinkedHashMap<>();
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                if (f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                    all.put(f[0], new SmallestHeap(Integer.parseInt(f[1]), Integer.parseInt(f[2])));
                }
            }
        }
        return all;
    }

    /** Resident memory of the process, from /proc (Linux); -1 elsewhere. */
    static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * An app's code in code lines, in the groups of its README: the idiom ({@code JwtAuth.java}, and the other files
     * the framework calls for the check), the app shell (Main, JwtSettings, JsonErrors, ProtectedResource), the shared
     * module it depends on (its JOSE library's hardening), and the optional, speed-only {@code FastSignatures.java}.
     */
    record CodeLines(int jwtAuth, int idiomFiles, int shell, int module, int optional) {
        static CodeLines of(String app) throws IOException {
            int jwtAuth = 0;
            int idiomFiles = 0;
            int shell = 0;
            int module = 0;
            int optional = 0;
            for (Path file : Sources.ownFiles(app)) {
                switch (file.getFileName().toString()) {
                    case "JwtAuth.java" -> jwtAuth += codeLines(file);
                    case "FastSignatures.java" -> optional += codeLines(file);
                    case "Main.java", "ProtectedResource.java", "JwtSettings.java", "JsonErrors.java" ->
                        shell += codeLines(file);
                    default -> idiomFiles += codeLines(file);
                }
            }
            for (Path file : Sources.moduleFiles(app)) {
                if (file.getFileName().toString().equals("FastSignatures.java")) {
                    optional += codeLines(file);
                } else {
                    module += codeLines(file);
                }
            }
            return new CodeLines(jwtAuth, idiomFiles, shell, module, optional);
        }
    }

    /** Lines of code: not blank, not a comment, not an import or package line. */
    static int codeLines(Path file) throws IOException {
        int lines = 0;
        boolean inComment = false;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            lines++;
        }
        return lines;
    }

    /** The jars an app ships: its own plus its runtime dependencies (listed by scripts/compare.sh). */
    private static int jars(Path list) throws IOException {
        if (!Files.exists(list)) {
            return -1;
        }
        return 1
                + (int) Files.readAllLines(list).stream()
                        .filter(l -> l.strip().matches("[\\w.-]+:[\\w.-]+:jar:.*"))
                        .count();
    }

    private static String markdown(List<Measured> apps) {
        StringBuilder md = new StringBuilder("# Comparison\n\nMeasured on " + LocalDate.now() + " by `bash "
                + "scripts/compare.sh`, on " + machine()
                + ". Each app runs as its packaged jar, started by the contract"
                + " CLI. Cold starts: from spawning the process to the first 200 on `/health`, and to the first 200 on"
                + " `/protected` with a valid token (JWKS fetch included), median of " + COLD_STARTS + "; \"with the"
                + " AOT cache\" runs the jar with the JDK's ahead-of-time cache from a training run"
                + " (`bash scripts/aot-cache.sh`). Heaps: see [FOOTPRINT.md](FOOTPRINT.md).\n\n");
        md.append("| | ");
        apps.forEach(m -> md.append(m.app().name()).append(" | "));
        md.append("\n|---|");
        apps.forEach(m -> md.append("---|"));
        md.append('\n');
        row(
                md,
                "contract cases passed",
                apps,
                m -> m.results().values().stream()
                                .filter(r -> r.status() == ContractRunner.Status.PASS)
                                .count() + " / " + m.results().size());
        row(md, "startup to /health (ms)", apps, m -> String.valueOf(healthMedian(m.cold())));
        row(md, "first authenticated 200 (ms)", apps, m -> String.valueOf(authMedian(m.cold())));
        row(
                md,
                "startup to /health with the AOT cache (ms)",
                apps,
                m -> m.fast().isEmpty() ? "n/a" : String.valueOf(healthMedian(m.fast())));
        row(
                md,
                "first authenticated 200 with the AOT cache (ms)",
                apps,
                m -> m.fast().isEmpty() ? "n/a" : String.valueOf(authMedian(m.fast())));
        row(
                md,
                "smallest heap passing the contract and 60 s of load",
                apps,
                m -> m.footprint() == null ? "n/a" : "-Xmx" + m.footprint().heapMib() + "m");
        row(
                md,
                "resident memory at that heap after the load (MiB)",
                apps,
                m -> m.footprint() == null
                        ? "n/a"
                        : String.valueOf(m.footprint().rssMib()));
        row(
                md,
                "resident memory after " + WARM_REQUESTS + " requests (MiB), at the heap run here",
                apps,
                m -> (m.rssKib() < 0 ? "n/a" : String.valueOf(m.rssKib() / 1024))
                        + (m.app().heapMib() < 0
                                ? " (default heap)"
                                : " (-Xmx" + m.app().heapMib() + "m)"));
        row(
                md,
                "code lines: the idiom, JwtAuth.java",
                apps,
                m -> String.valueOf(m.jwtLines().jwtAuth()));
        row(
                md,
                "code lines: the idiom, the other files the framework calls",
                apps,
                m -> String.valueOf(m.jwtLines().idiomFiles()));
        row(
                md,
                "code lines: the app shell",
                apps,
                m -> String.valueOf(m.jwtLines().shell()));
        row(
                md,
                "code lines: the shared hardening module",
                apps,
                m -> String.valueOf(m.jwtLines().module()));
        row(
                md,
                "code lines: optional, speed only",
                apps,
                m -> String.valueOf(m.jwtLines().optional()));
        row(md, "jars shipped", apps, m -> m.jars() < 0 ? "n/a" : String.valueOf(m.jars()));
        // The documented defaults (the baselines in the apps' tests): their findings as recorded and asserted there.
        Map<String, Map<String, RecordedFailures.Failed>> defaults = new LinkedHashMap<>();
        Map<String, Map<String, RecordedFailures.Varies>> varies = new LinkedHashMap<>();
        for (Measured m : apps) {
            defaults.put(m.app().name(), RecordedFailures.read(Path.of(m.app().name())));
            varies.put(
                    m.app().name(), RecordedFailures.readVaries(Path.of(m.app().name())));
        }
        row(md, "documented default, by consequence (see each README's section 6)", apps, m -> {
            try {
                Path module = Path.of(m.app().name());
                return Ledger.headline(
                        Ledger.broken(module), Ledger.explained(m.app().name()), false);
            } catch (IOException e) {
                return "n/a";
            }
        });
        md.append("\n## Requirement x framework\n\nEach framework's app, and beside it its documented default "
                + "(the setup its documentation teaches, defaults untouched: see each app README's section 6).\n\n"
                + "| case | what | ");
        apps.forEach(m ->
                md.append(m.app().name()).append(" | ").append(m.app().name()).append(" default | "));
        md.append("\n|---|---|");
        apps.forEach(m -> md.append("---|---|"));
        md.append('\n');
        for (Case c : ContractCases.all()) {
            md.append("| ")
                    .append(c.id())
                    .append(" | ")
                    .append(c.title().replace("|", "\\|"))
                    .append(" | ");
            for (Measured m : apps) {
                ContractRunner.Result r = m.results().get(c.id());
                md.append(
                                r.status() == ContractRunner.Status.PASS
                                        ? "pass"
                                        : r.status().name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(defaultCell(
                                defaults.get(m.app().name()), varies.get(m.app().name()), c.id()))
                        .append(" | ");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** What the documented default did in a case: pass, varies, or its consequences. */
    private static String defaultCell(
            Map<String, RecordedFailures.Failed> failed, Map<String, RecordedFailures.Varies> varies, String id) {
        if (varies.containsKey(id)) {
            return "varies";
        }
        RecordedFailures.Failed f = failed.get(id);
        return f == null
                ? "pass"
                : String.join(
                        ", ", f.consequences().stream().map(c -> c.label()).toList());
    }

    /** The machine and JDK, for the report. */
    static String machine() {
        String cpu = "";
        long memKib = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + (memKib < 0 ? "" : ", " + Math.round(memKib / 1024.0 / 1024.0) + " GiB") + ", "
                + System.getProperty("java.vm.vendor", "") + " Java " + Runtime.version();
    }

    private static void row(
            StringBuilder md, String label, List<Measured> apps, java.util.function.Function<Measured, String> value) {
        md.append("| ").append(label).append(" | ");
        apps.forEach(m -> md.append(value.apply(m)).append(" | "));
        md.append('\n');
    }
}
