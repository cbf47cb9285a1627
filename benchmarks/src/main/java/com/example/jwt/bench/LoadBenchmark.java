package com.example.jwt.bench;

import com.example.jwt.contract.RunningApp;
import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.Token;
import com.example.jwt.runner.ProcessLauncher;
import com.example.jwt.tools.ColdStart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The load benchmark: for each packaged app, with the mock issuer, wrk loads {@code GET /health} and
 * {@code GET /protected} (RS256, EdDSA and ES256 tokens, a distinct pre-minted token per request), and the app's own
 * CPU time is read from {@code /proc/<pid>/stat} around every run. Writes the Markdown report and the chart.
 *
 * <pre>java -cp benchmarks.jar com.example.jwt.bench.LoadBenchmark [--apps a,b] [--seconds n] [--warmup n]
 *     [--rounds n] [--connections n] [--tokens-per-second n] [--pace-ms n] [--jmh jmh.json] [--out BENCHMARKS.md]
 *     [--chart results.svg] [--jfr dir]</pre>
 * {@code --pace-ms n} makes each connection wait n ms between requests, so that /health and /protected run at about
 * the same rate (a check that the auth cost does not come from comparing two different throughputs).
 */
public final class LoadBenchmark {
    static final List<String> ALGS = List.of("RS256", "EdDSA", "ES256");
    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) duration_us=(\\d+) "
            + "status_errors=(\\d+) socket_errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+) reused=(\\d+)");
    /** The header that carries the tokens on /health: as long as "Authorization", and read by no app. */
    static final String BASELINE_HEADER = "X-Bench-Token";

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux we run on (getconf CLK_TCK)

    /** One wrk run: what wrk saw and the CPU time the app spent meanwhile. */
    record Run(long requests, double seconds, long p50Micros, long p99Micros, long reused, double cpuSeconds) {
        double perSecond() {
            return requests / seconds;
        }

        double cpuMicrosPerRequest() {
            return cpuSeconds * 1e6 / requests;
        }
    }

    /** The figures of one app and algorithm: medians over the rounds. */
    record AlgResult(String alg, Run health, Run protectedRun, double authMicros) {}

    record AppResult(
            String app,
            long startupMillis,
            long firstAuthenticatedMillis,
            long rssKib,
            int jwksFetches,
            List<AlgResult> algs) {}

    private final Options options;
    private final Path tokenDir = Path.of("benchmarks/target/tokens");
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LoadBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            System.err.println(
                    "usage: LoadBenchmark --apps a,b (scripts/bench.sh passes scripts/apps.sh) [--seconds 4] "
                            + "[--warmup 10] [--rounds 3] [--connections 16] [--tokens-per-second 16000] [--pace-ms 0] "
                            + "[--jmh file.json] [--out BENCHMARKS.md] [--chart file.svg] "
                            + "[--jfr dir-for-flight-recordings]");
            System.exit(2);
        }
        new LoadBenchmark(options).run();
    }

    private void run() throws Exception {
        Map<String, Map<String, Double>> raw = RawCost.read(options.jmh());
        List<AppResult> results = new ArrayList<>();
        try (MockIssuer issuer = MockIssuer.start()) {
            mintPools(issuer);
            String java = ProcessHandle.current().info().command().orElse("java");
            for (String app : options.apps()) {
                results.add(measure(app, java, issuer));
            }
        }
        Report report = new Report(raw, results, options);
        Files.writeString(options.out(), report.markdown());
        Files.writeString(options.chart(), report.svg());
        System.out.println();
        System.out.println(report.markdown());
    }

    // ---- tokens ----

    /** Tokens per measured run: enough for every request the fastest app serves in it. */
    private int sliceSize() {
        return options.seconds() * options.tokensPerSecond();
    }

    /** Slices per algorithm and app: one for the warm-up (which may send a token twice), one per round. */
    private int pool() {
        return sliceSize() * (options.rounds() + 1);
    }

    /** Mints the token pools once (every app gets the same ones): valid for two hours, each with its own sub. */
    private void mintPools(MockIssuer issuer) throws Exception {
        Files.createDirectories(tokenDir);
        Provider bc = new BouncyCastleProvider();
        long exp = Instant.now().getEpochSecond() + 7200;
        for (String alg : ALGS) {
            long begin = System.nanoTime();
            Token template = issuer.token(alg);
            PrivateKey key = switch (alg) {
                case "RS256" -> issuer.rsa1.keyPair().getPrivate();
                case "ES256" -> bcPrivate(issuer.ec1.keyPair().getPrivate(), "EC", bc);
                default -> bcPrivate(issuer.ed1.keyPair().getPrivate(), "Ed25519", bc);
            };
            String encodedHeader = template.encodedHeader();
            ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> signer(alg, key, bc));
            String[] tokens = IntStream.range(0, pool())
                    .parallel()
                    .mapToObj(i -> {
                        String input = encodedHeader + "."
                                + issuer.token(alg)
                                        .claim("jti", "bench-" + i)
                                        .expiringAt(exp)
                                        .encodedPayload();
                        try {
                            Signature s = signers.get();
                            s.update(input.getBytes(StandardCharsets.US_ASCII));
                            return input + "."
                                    + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toArray(String[]::new);
            Files.write(tokenDir.resolve(alg + ".txt"), Arrays.asList(tokens));
            System.out.printf(
                    "== minted %d %s tokens in %.1f s%n", tokens.length, alg, (System.nanoTime() - begin) / 1e9);
        }
    }

    private static PrivateKey bcPrivate(PrivateKey key, String type, Provider bc) throws GeneralSecurityException {
        return KeyFactory.getInstance(type, bc).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    private static Signature signer(String alg, PrivateKey key, Provider bc) {
        try {
            Signature s = switch (alg) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "ES256" -> Signature.getInstance("SHA256withPLAIN-ECDSA", bc); // JOSE's R||S form
                default -> Signature.getInstance("Ed25519", bc);
            };
            s.initSign(key);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- one app ----

    private AppResult measure(String app, String java, MockIssuer issuer) throws Exception {
        String env = app.equals("dropwizard") ? "ADMIN_PORT=0 " : "";
        String command = env + "'" + java + "' -jar " + app + "/target/" + app + ".jar";
        System.out.println("== " + app + ": " + command);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("HOST", "127.0.0.1");
        variables.put("PORT", "0");
        variables.put("JWT_ISSUER", issuer.issuer());
        variables.put("JWT_AUDIENCE", MockIssuer.AUDIENCE);
        // Cold starts first (median of 5): process start to the first 200 on /health and with a valid token.
        List<ColdStart.Times> cold = ColdStart.measure(command, variables, issuer, 5);
        long coldHealth = ColdStart.median(
                cold.stream().map(ColdStart.Times::healthMillis).toList());
        long coldAuthenticated = ColdStart.median(
                cold.stream().map(ColdStart.Times::authenticatedMillis).toList());
        if (options.jfr() != null) {
            // Profile evidence: Java Flight Recorder's sampling profiler, dumped when the app stops.
            Files.createDirectories(options.jfr());
            variables.put(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,filename="
                            + options.jfr().toAbsolutePath().resolve(app + ".jfr"));
        }
        int fetchesBefore = issuer.jwksFetches();
        try (RunningApp running = new ProcessLauncher(command, Duration.ofSeconds(120)).start(variables)) {
            long pid = running.pid();
            URI base = running.baseUri();
            for (String alg : ALGS) {
                checkAccepted(base, alg);
            }
            // Warm-up: the JIT compiles the hot paths before anything is measured.
            for (String alg : ALGS) {
                wrk(pid, base, "/health", alg, 0);
                wrk(pid, base, "/protected", alg, 0);
            }
            // Measured, in rounds: /health right before and after every /protected run, sent the same tokens in a
            // header of the same length that no app reads (Spring authenticates a bearer token on every path), so
            // that the difference is what the auth code costs, not the transport of the token.
            Map<String, List<Run>> protectedRuns = new LinkedHashMap<>();
            Map<String, List<Run>> healthRuns = new LinkedHashMap<>();
            for (int round = 1; round <= options.rounds(); round++) {
                for (String alg : ALGS) {
                    Run before = wrk(pid, base, "/health", alg, round);
                    Run p = wrk(pid, base, "/protected", alg, round);
                    Run after = wrk(pid, base, "/health", alg, round);
                    protectedRuns.computeIfAbsent(alg, a -> new ArrayList<>()).add(p);
                    healthRuns.computeIfAbsent(alg, a -> new ArrayList<>()).add(mean(before, after));
                }
            }
            List<AlgResult> algs = new ArrayList<>();
            for (String alg : ALGS) {
                Run p = median(protectedRuns.get(alg));
                Run h = median(healthRuns.get(alg));
                algs.add(new AlgResult(alg, h, p, p.cpuMicrosPerRequest() - h.cpuMicrosPerRequest()));
            }
            long rss = residentKib(pid);
            AppResult result =
                    new AppResult(app, coldHealth, coldAuthenticated, rss, issuer.jwksFetches() - fetchesBefore, algs);
            System.out.printf(
                    "== %s: /health after %d ms, first authenticated 200 after %d ms (medians of 5 cold"
                            + " starts), %d MiB, %d JWKS fetch(es)%n",
                    app, coldHealth, coldAuthenticated, rss / 1024, result.jwksFetches());
            return result;
        }
    }

    /** One request per algorithm before any load: a rejected token would make every figure meaningless. */
    private void checkAccepted(URI base, String alg) throws Exception {
        String token;
        try (BufferedReader in = Files.newBufferedReader(tokenDir.resolve(alg + ".txt"))) {
            token = in.readLine();
        }
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(base.resolve("/protected"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the app answers " + r.statusCode() + " to a valid " + alg + " token");
        }
    }

    /**
     * Runs wrk once against the app and reads the app's CPU time around it. {@code slice} is 0 for the warm-up and n
     * for round n; it picks the tokens, so that no token is sent twice to the same app.
     */
    private Run wrk(long pid, URI base, String path, String alg, int slice) throws Exception {
        boolean warmUp = slice == 0;
        int seconds = warmUp ? options.warmup() : options.seconds();
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t1",
                "-c" + options.connections(),
                "-d" + seconds + "s",
                "--timeout",
                "5s",
                "-s",
                "benchmarks/wrk/tokens.lua",
                base.toString(),
                "--",
                path));
        if (alg != null) {
            command.addAll(List.of(
                    tokenDir.resolve(alg + ".txt").toString(),
                    String.valueOf(slice * sliceSize()),
                    String.valueOf(sliceSize()),
                    path.equals("/health") ? BASELINE_HEADER : "Authorization",
                    String.valueOf(warmUp ? 0 : options.paceMillis())));
        }
        double[] cpuBefore = cpuTimes(pid);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
            output = String.join("\n", in.lines().toList());
        }
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        double[] cpuAfter = cpuTimes(pid);
        double userCpu = cpuAfter[0] - cpuBefore[0];
        double cpu = userCpu + cpuAfter[1] - cpuBefore[1];
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        long requests = Long.parseLong(m.group(1));
        long statusErrors = Long.parseLong(m.group(3));
        long socketErrors = Long.parseLong(m.group(4));
        if (requests == 0 || statusErrors > 0 || socketErrors > 0) {
            throw new IllegalStateException(path + (alg == null ? "" : " " + alg) + ": " + statusErrors
                    + " error answers and " + socketErrors + " socket errors in " + requests + " requests");
        }
        Run run = new Run(
                requests,
                Long.parseLong(m.group(2)) / 1e6,
                Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)),
                cpu);
        System.out.printf(
                "   %-10s %-5s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %7.1f CPU-us/req (%.0f user)%s%s%n",
                path,
                alg == null ? "" : alg,
                run.perSecond(),
                run.p50Micros() / 1000.0,
                run.p99Micros() / 1000.0,
                run.cpuMicrosPerRequest(),
                userCpu * 1e6 / run.requests(),
                warmUp ? "  (warm-up)" : "",
                run.reused() > 0 && !warmUp && path.equals("/protected")
                        ? "  (" + run.reused() + " tokens sent twice)"
                        : "");
        return run;
    }

    private static Run mean(Run a, Run b) {
        return new Run(
                a.requests() + b.requests(),
                a.seconds() + b.seconds(),
                (a.p50Micros() + b.p50Micros()) / 2,
                (a.p99Micros() + b.p99Micros()) / 2,
                a.reused() + b.reused(),
                a.cpuSeconds() + b.cpuSeconds());
    }

    /** The run with the median CPU cost per request (the lower middle one for an even count). */
    private static Run median(List<Run> runs) {
        List<Run> sorted = runs.stream()
                .sorted((x, y) -> Double.compare(x.cpuMicrosPerRequest(), y.cpuMicrosPerRequest()))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** utime and stime of the process in seconds, from /proc/<pid>/stat (fields 14 and 15, after the name). */
    static double[] cpuTimes(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {
            Long.parseLong(fields[11]) / (double) CLOCK_TICKS_PER_SECOND,
            Long.parseLong(fields[12]) / (double) CLOCK_TICKS_PER_SECOND
        };
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The command line. */
    record Options(
            List<String> apps,
            int seconds,
            int warmup,
            int rounds,
            int connections,
            int tokensPerSecond,
            Path jmh,
            Path out,
            Path chart,
            Path jfr,
            int paceMillis) {
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>(Map.of(
                    "--apps",
                    "",
                    "--seconds",
                    "4",
                    "--warmup",
                    "10",
                    "--rounds",
                    "3",
                    "--connections",
                    "16",
                    "--tokens-per-second",
                    "16000",
                    "--jmh",
                    "benchmarks/target/jmh.json",
                    "--out",
                    "BENCHMARKS.md",
                    "--chart",
                    "benchmarks/results.svg",
                    "--jfr",
                    ""));
            given.put("--pace-ms", "0");
            for (int i = 0; i < args.length; i += 2) {
                if (!given.containsKey(args[i]) || i + 1 >= args.length) {
                    return null;
                }
                given.put(args[i], args[i + 1]);
            }
            try {
                if (given.get("--apps").isBlank()) {
                    return null;
                }
                return new Options(
                        List.of(given.get("--apps").split(",")),
                        positive(given, "--seconds"),
                        positive(given, "--warmup"),
                        positive(given, "--rounds"),
                        positive(given, "--connections"),
                        positive(given, "--tokens-per-second"),
                        Path.of(given.get("--jmh")),
                        Path.of(given.get("--out")),
                        Path.of(given.get("--chart")),
                        given.get("--jfr").isEmpty() ? null : Path.of(given.get("--jfr")),
                        given.get("--pace-ms").equals("0") ? 0 : positive(given, "--pace-ms"));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return null;
            }
        }

        private static int positive(Map<String, String> given, String name) {
            String value = given.get(name);
            if (!value.matches("[1-9]\\d{0,5}")) {
                throw new IllegalArgumentException(name + " must be a positive number, not " + value);
            }
            return Integer.parseInt(value);
        }
    }

    /** Reads JMH's JSON result: alg -> provider -> microseconds per verification. */
    static final class RawCost {
        static Map<String, Map<String, Double>> read(Path jmhJson) throws IOException {
            Map<String, Map<String, Double>> raw = new LinkedHashMap<>();
            for (Object entry : (List<?>) Json.parse(Files.readString(jmhJson))) {
                Map<?, ?> result = (Map<?, ?>) entry;
                Map<?, ?> params = (Map<?, ?>) result.get("params");
                Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
                raw.computeIfAbsent((String) params.get("alg"), a -> new LinkedHashMap<>())
                        .put((String) params.get("provider"), ((Number) metric.get("score")).doubleValue());
            }
            return raw;
        }
    }
}
