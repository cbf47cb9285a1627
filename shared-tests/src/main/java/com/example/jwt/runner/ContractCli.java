package com.example.jwt.runner;

import com.example.jwt.contract.Answer;
import com.example.jwt.contract.Case;
import com.example.jwt.contract.ContractCases;
import com.example.jwt.contract.Http;
import com.example.jwt.contract.KnownDeviations;
import com.example.jwt.contract.Target;
import com.example.jwt.issuer.MockIssuer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract as a command, for any service in any language:
 *
 * <pre>
 * java -jar jwt-contract.jar --launch "java -jar app.jar"      # starts it (again and again, with other settings)
 * java -jar jwt-contract.jar --url http://127.0.0.1:8080        # a service you started; prints its variables
 * java -jar jwt-contract.jar issuer [--port 9000]               # just the mock issuer, for trying things by hand
 * </pre>
 */
public final class ContractCli {
    private static final String USAGE = """
            usage: java -jar jwt-contract.jar (--launch "<command>" | --url <base-url>) [options]
                   java -jar jwt-contract.jar --list
                   java -jar jwt-contract.jar --deviations
                   java -jar jwt-contract.jar issuer [--port 9000]
            options:
              --issuer-port N       port of the mock issuer with --url (default 9400)
              --only WHAT[,WHAT]    run only these groups or cases (IDs such as ALG-1.1); the groups: %s
              --framework NAME      apply NAME's known deviations (--deviations lists them)
              --report FILE.md      also write the results as Markdown
              --startup-seconds N   how long a launched service may take to answer /health (default 60)
              --parallel N          cases with a service of their own that run at once (default 3)
              --list                print every case (ID and title), one a line, and exit
              --deviations          print every known deviation (app, case, reason), one a line, and exit
            The exit status is 0 when every case passed (or deviated exactly as listed), 1 when one failed or was
            skipped for any reason but "needs --launch" in --url mode, 2 for bad arguments.
            """;

    private ContractCli() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && args[0].equals("issuer")) {
            MockIssuer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return 0;
        }
        String launch = null;
        String url = null;
        String only = null;
        String framework = "";
        Path report = null;
        int issuerPort = 9400;
        int startupSeconds = 60;
        int parallel = ContractRunner.DEFAULT_PARALLEL;
        if (args.length == 1 && args[0].equals("--list")) {
            for (Case c : ContractCases.all()) {
                out.println(c.id() + "\t" + c.title());
            }
            return 0;
        }
        if (args.length == 1 && args[0].equals("--deviations")) {
            for (KnownDeviations.Deviation d : KnownDeviations.all()) {
                out.println(d.framework() + "\t" + d.caseId() + "\t" + d.reason());
            }
            return 0;
        }
        List<String> groups =
                ContractCases.all().stream().map(Case::group).distinct().toList();
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--launch" -> launch = required(value, args[i++]);
                    case "--url" -> url = required(value, args[i++]);
                    case "--only" -> only = required(value, args[i++]);
                    case "--framework" -> framework = required(value, args[i++]);
                    case "--report" -> report = Path.of(required(value, args[i++]));
                    case "--issuer-port" -> issuerPort = Integer.parseInt(required(value, args[i++]));
                    case "--startup-seconds" -> startupSeconds = Integer.parseInt(required(value, args[i++]));
                    case "--parallel" -> parallel = Integer.parseInt(required(value, args[i++]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if ((launch == null) == (url == null)) {
                throw new IllegalArgumentException("give exactly one of --launch and --url");
            }
            if (only != null) {
                Set<String> known = new HashSet<>(groups);
                ContractCases.all().forEach(c -> known.add(c.id()));
                for (String what : only.split(",")) {
                    if (!known.contains(what.strip())) {
                        throw new IllegalArgumentException("no group or case " + what.strip() + "; the groups are "
                                + String.join(", ", groups) + " (--list prints the cases)");
                    }
                }
            }
        } catch (NumberFormatException e) {
            err.println("jwt-contract: a number was expected: " + e.getMessage());
            err.printf(USAGE, String.join(", ", groups));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("jwt-contract: " + e.getMessage());
            err.printf(USAGE, String.join(", ", groups));
            return 2;
        }

        List<Case> cases = new ArrayList<>();
        for (Case c : ContractCases.all()) {
            if (only == null
                    || List.of(only.replace(" ", "").split(",")).stream()
                            .anyMatch(what -> what.equals(c.group()) || what.equals(c.id()))) {
                cases.add(c);
            }
        }
        MockIssuer urlIssuer = null;
        ContractRunner runner;
        String target;
        if (launch != null) {
            ProcessLauncher processes = new ProcessLauncher(launch, Duration.ofSeconds(startupSeconds));
            runner = ContractRunner.launching(processes, processes);
            target = "`" + launch + "`";
        } else {
            try {
                urlIssuer = MockIssuer.start(issuerPort);
            } catch (BindException e) {
                err.println("jwt-contract: the mock issuer's port " + issuerPort + " is in use; pick another with "
                        + "--issuer-port");
                return 2;
            }
            URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            out.println("Mock issuer on " + urlIssuer.issuer() + ". Start the service under test with:");
            for (Map.Entry<String, String> e : urlVariables(urlIssuer).entrySet()) {
                out.println("  " + e.getKey() + "=" + e.getValue());
            }
            if (!awaitReady(base, urlIssuer, Duration.ofSeconds(startupSeconds), out)) {
                err.println("jwt-contract: " + base + " did not accept a token from the mock issuer within "
                        + startupSeconds + " s; is it running with the variables above?");
                urlIssuer.close();
                return 1;
            }
            runner = ContractRunner.against(base, urlIssuer);
            target = base.toString();
        }

        List<ContractRunner.Result> results;
        try (runner) {
            results = runner.runAll(cases, framework, parallel, r -> {
                out.println(line(r));
                out.flush();
            });
        } finally {
            if (urlIssuer != null) {
                urlIssuer.close();
            }
        }
        Summary summary = Summary.of(results, url != null);
        out.println(summary.text());
        if (report != null) {
            writeReport(report, target, results, summary.text());
        }
        return summary.ok() ? 0 : 1;
    }

    /**
     * The counts of a run, and whether it proved what it ran: no case failed, and none was skipped except, in --url
     * mode, the ones that need to start the service. Skips are counted by their reason.
     */
    record Summary(String text, boolean ok) {
        static Summary of(List<ContractRunner.Result> results, boolean urlMode) {
            Map<ContractRunner.Status, Long> counts = new java.util.EnumMap<>(ContractRunner.Status.class);
            Map<String, Long> skips = new java.util.TreeMap<>();
            boolean ok = true;
            for (ContractRunner.Result r : results) {
                counts.merge(r.status(), 1L, Long::sum);
                if (r.status() == ContractRunner.Status.SKIP) {
                    skips.merge(r.message(), 1L, Long::sum);
                    ok &= urlMode && ContractRunner.NEEDS_LAUNCH.equals(r.message());
                }
                ok &= r.status() != ContractRunner.Status.FAIL;
            }
            StringBuilder text = new StringBuilder()
                    .append(counts.getOrDefault(ContractRunner.Status.PASS, 0L))
                    .append(" passed, ")
                    .append(counts.getOrDefault(ContractRunner.Status.FAIL, 0L))
                    .append(" failed");
            long deviates = counts.getOrDefault(ContractRunner.Status.DEVIATES, 0L);
            if (deviates > 0) {
                text.append(", ").append(deviates).append(" known deviation(s), as listed");
            }
            long skipped = counts.getOrDefault(ContractRunner.Status.SKIP, 0L);
            if (skipped > 0) {
                text.append(", ")
                        .append(skipped)
                        .append(" of ")
                        .append(results.size())
                        .append(" cases could not run here");
                skips.forEach((why, n) ->
                        text.append("\n  ").append(n).append(" skipped: ").append(why));
            }
            return new Summary(text.toString(), ok);
        }
    }

    /** The variables a service checked with --url must be started with. */
    static Map<String, String> urlVariables(MockIssuer issuer) {
        Map<String, String> env = new java.util.LinkedHashMap<>(Target.defaultEnv(issuer));
        env.remove("HOST");
        env.remove("PORT");
        // Between two runs the issuer's keys change: short cache times let the service pick up the new ones.
        env.put("JWT_JWKS_CACHE_SECONDS", "5");
        env.put("JWT_JWKS_REFRESH_MIN_SECONDS", "1");
        return env;
    }

    /** Waits until the service accepts a fresh token: it may still hold an earlier run's keys for a few seconds. */
    private static boolean awaitReady(URI base, MockIssuer issuer, Duration timeout, PrintStream out)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        boolean told = false;
        try (Http http = new Http()) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    Answer a = http.get(
                            base.resolve("/protected"),
                            "Authorization",
                            "Bearer " + issuer.token("RS256").compact());
                    if (a.status() == 200) {
                        return true;
                    }
                } catch (Http.NoAnswer notYetListening) {
                    // keep waiting
                }
                if (!told) {
                    out.println("Waiting for " + base + " to accept a token from the mock issuer...");
                    told = true;
                }
                Thread.sleep(500);
            }
        }
        return false;
    }

    private static String line(ContractRunner.Result r) {
        String text = String.format("%-4s  %-9s %s", r.status(), r.c().id(), r.c().title());
        return r.message() == null ? text : text + "\n        " + r.message().replace("\n", "\n        ");
    }

    private static void writeReport(Path file, String target, List<ContractRunner.Result> results, String summary)
            throws IOException {
        StringBuilder md = new StringBuilder("# JWT contract report\n\nTarget: " + target + "\n\n"
                + "| case | result | what | why |\n|---|---|---|---|\n");
        for (ContractRunner.Result r : results) {
            md.append("| ")
                    .append(r.c().id())
                    .append(" | ")
                    .append(r.status().name().toLowerCase())
                    .append(" | ")
                    .append(r.c().title().replace("|", "\\|"))
                    .append(" | ")
                    .append(
                            r.message() == null
                                    ? ""
                                    : r.message().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        md.append("\n").append(summary).append("\n");
        Files.writeString(file, md);
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
