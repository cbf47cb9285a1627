package com.example.jwt.tools;

import com.example.jwt.contract.Http;
import com.example.jwt.contract.Target;
import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.Token;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fastest start the JDK offers each packaged app: an ahead-of-time cache (JDK 25, JEP 483/514/515; class-data
 * sharing on JDK 21 to 24) written by a training run. The training run starts the app with the mock issuer, sends it
 * valid and invalid tokens of every algorithm, and stops it; the JVM writes the cache as it exits. Spring Boot's jar
 * is first extracted ({@code -Djarmode=tools extract}), as Boot's documentation requires: the cache holds only classes
 * loaded from plain jars on the class path, not from jars nested in the Boot jar.
 *
 * <pre>java -cp jwt-tools.jar com.example.jwt.tools.AotCache app...</pre>
 *
 * Writes {@code <app>/target/<app>.aot} (or {@code .jsa}) and {@code <app>/target/fast-start.txt}, the java options
 * and jar to run it with, and prints the command. Run from the repository root after a package.
 */
public final class AotCache {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private AotCache() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: AotCache <app>...   (scripts/aot-cache.sh passes scripts/apps.sh)");
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String app : args) {
            String options = train(java, app);
            Files.writeString(Path.of(app, "target", "fast-start.txt"), options + "\n");
            System.out.println(app + ": java " + options);
        }
    }

    /** Trains one app; returns the options and jar that run it with the cache. */
    static String train(String java, String app) throws Exception {
        Path target = Path.of(app, "target");
        Path jar = target.resolve(app + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -q package -DskipTests)");
        }
        if (app.equals("spring")) {
            Path extracted = target.resolve("extracted");
            deleteTree(extracted);
            run(List.of(
                    java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()));
            jar = extracted.resolve(app + ".jar");
        }
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = target.resolve(app + (aot ? ".aot" : ".jsa"));
        Files.deleteIfExists(cache);
        String write = aot ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache;
        String use = aot ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache;
        try (MockIssuer issuer = MockIssuer.start()) {
            workload(List.of(java, write, "-jar", jar.toString()), issuer);
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("the training run of " + app + " wrote no " + cache);
        }
        return use + " -jar " + jar;
    }

    /** Starts the app, sends it tokens of every kind, and stops it with SIGTERM so that the JVM writes the cache. */
    private static void workload(List<String> command, MockIssuer issuer) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(n -> n.startsWith("JWT_") || n.equals("PORT") || n.equals("HOST"));
        env.putAll(Target.defaultEnv(issuer));
        env.put("PORT", String.valueOf(port));
        env.put("ADMIN_PORT", "0");
        Process process = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        try (Http http = new Http()) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (http.status(base.resolve("/health")) != 200) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the training run did not start: " + command);
                }
                Thread.sleep(50);
            }
            for (int i = 0; i < 300; i++) {
                String alg = List.of("RS256", "ES256", "EdDSA").get(i % 3);
                Token token = switch (i % 10) {
                    case 7 -> issuer.token(alg).expiringAt(Instant.now().getEpochSecond() - 600);
                    case 8 -> issuer.token(alg).header("kid", "unknown-" + i);
                    default -> issuer.token(alg);
                };
                if (i % 10 == 9) {
                    http.status(base.resolve("/protected"));
                } else {
                    http.status(base.resolve("/protected"), "Authorization", "Bearer " + token.compact());
                }
                http.status(base.resolve("/health"));
            }
        } finally {
            process.destroy(); // SIGTERM: the JVM exits normally and writes the cache
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly); // the cache assembler, if it hangs
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
