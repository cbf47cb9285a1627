package com.example.jwt.contract;

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
 * a reader weighs when choosing: startup time to the first 200, resident memory after the run, lines of JWT code and
 * the jars it ships. Prints a requirement x framework matrix and writes it as Markdown.
 *
 * <pre>java -cp jwt-contract.jar com.example.jwt.contract.Compare COMPARISON.md spring javalin dropwizard helidon</pre>
 *
 * Run from the repository root after a package; scripts/compare.sh does both.
 */
public final class Compare {
    private static final int WARM_REQUESTS = 2000;

    private record App(String name, String command, Path jwtCode, Path jarList) {
    }

    private record Measured(App app, Map<String, ContractRunner.Result> results, long startupMillis, long rssKib,
                            int jwtLines, int jars) {
    }

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Compare <report.md> <app>...   (apps: spring javalin dropwizard helidon)");
            System.exit(2);
        }
        // The apps need Java 21+, like this JVM: launch them with the same java.
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Measured> measured = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String env = name.equals("dropwizard") ? "ADMIN_PORT=0 " : ""; // several instances run at once
            App app = new App(name, env + "'" + java + "' -jar " + name + "/target/" + name + ".jar",
                    Path.of(name, "src/main/java/com/example/jwt", name, "JwtAuth.java"),
                    Path.of(name, "target/runtime-jars.txt"));
            System.out.println("== " + name + ": " + app.command());
            measured.add(measure(app));
        }
        String markdown = markdown(measured);
        Files.writeString(Path.of(args[0]), markdown);
        System.out.println();
        System.out.println(markdown);
        long failures = measured.stream().flatMap(m -> m.results().values().stream())
                .filter(r -> r.status() == ContractRunner.Status.FAIL).count();
        System.exit(failures == 0 ? 0 : 1);
    }

    private static Measured measure(App app) throws Exception {
        ProcessLauncher launcher = new ProcessLauncher(app.command(), Duration.ofSeconds(120));
        long startup;
        long rss;
        try (MockIssuer issuer = MockIssuer.start(); Http http = new Http()) {
            long begin = System.nanoTime();
            try (RunningApp running = launcher.start(Target.defaultEnv(issuer))) {
                startup = (System.nanoTime() - begin) / 1_000_000;
                for (int i = 0; i < WARM_REQUESTS; i++) {
                    String alg = List.of("RS256", "ES256", "EdDSA").get(i % 3);
                    Answer a = http.get(running.baseUri().resolve("/protected"), "Authorization",
                            "Bearer " + issuer.token(alg).compact());
                    if (a.status() != 200) {
                        throw new IllegalStateException(app.name() + " rejected a valid token: " + a.status());
                    }
                }
                rss = residentKib(running.pid());
            }
        }
        Map<String, ContractRunner.Result> results = new LinkedHashMap<>();
        try (ContractRunner runner = ContractRunner.launching(launcher)) {
            for (Case c : ContractCases.all()) {
                ContractRunner.Result r = runner.run(c, app.name());
                results.put(c.id(), r);
                if (r.status() != ContractRunner.Status.PASS) {
                    System.out.println("  " + r.status() + " " + c.id() + " " + r.message());
                }
            }
        }
        long passed = results.values().stream().filter(r -> r.status() == ContractRunner.Status.PASS).count();
        System.out.printf("   %d/%d cases pass; first 200 after %d ms; %d MiB resident after %d requests%n", passed,
                results.size(), startup, rss / 1024, WARM_REQUESTS);
        return new Measured(app, results, startup, rss, codeLines(app.jwtCode()), jars(app.jarList()));
    }

    /** Resident memory of the process, from /proc (Linux); -1 elsewhere. */
    private static long residentKib(long pid) {
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
        return 1 + (int) Files.readAllLines(list).stream().filter(l -> l.strip().matches("[\\w.-]+:[\\w.-]+:jar:.*"))
                .count();
    }

    private static String markdown(List<Measured> apps) {
        StringBuilder md = new StringBuilder("# Comparison\n\nMeasured on " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature()
                + ", by `bash scripts/compare.sh`. Each app runs as its packaged jar, started by the contract CLI.\n\n");
        md.append("| | ");
        apps.forEach(m -> md.append(m.app().name()).append(" | "));
        md.append("\n|---|");
        apps.forEach(m -> md.append("---|"));
        md.append('\n');
        row(md, "contract cases passed", apps, m -> m.results().values().stream()
                .filter(r -> r.status() == ContractRunner.Status.PASS).count() + " / " + m.results().size());
        row(md, "startup to first 200 (ms)", apps, m -> String.valueOf(m.startupMillis()));
        row(md, "resident memory after " + WARM_REQUESTS + " requests (MiB)", apps,
                m -> m.rssKib() < 0 ? "n/a" : String.valueOf(m.rssKib() / 1024));
        row(md, "lines of JWT code (JwtAuth.java)", apps, m -> String.valueOf(m.jwtLines()));
        row(md, "jars shipped", apps, m -> m.jars() < 0 ? "n/a" : String.valueOf(m.jars()));
        md.append("\n## Requirement x framework\n\n| case | what | ");
        apps.forEach(m -> md.append(m.app().name()).append(" | "));
        md.append("\n|---|---|");
        apps.forEach(m -> md.append("---|"));
        md.append('\n');
        for (Case c : ContractCases.all()) {
            md.append("| ").append(c.id()).append(" | ").append(c.title().replace("|", "\\|")).append(" | ");
            for (Measured m : apps) {
                ContractRunner.Result r = m.results().get(c.id());
                md.append(r.status() == ContractRunner.Status.PASS ? "pass" : r.status().name().toLowerCase(Locale.ROOT))
                        .append(" | ");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String label, List<Measured> apps,
                            java.util.function.Function<Measured, String> value) {
        md.append("| ").append(label).append(" | ");
        apps.forEach(m -> md.append(value.apply(m)).append(" | "));
        md.append('\n');
    }
}
