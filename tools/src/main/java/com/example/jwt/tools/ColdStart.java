package com.example.jwt.tools;

import com.example.jwt.contract.Http;
import com.example.jwt.issuer.MockIssuer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts of a service: from spawning its process to the first {@code GET /health} that answers 200, and to the
 * first {@code GET /protected} with a valid token that answers 200 (which also pays for the JWKS fetch, the first key
 * conversion and the first signature verification). The health check is polled every 5 ms; the authenticated request
 * is sent as soon as it answers.
 */
public final class ColdStart {
    /** Milliseconds from spawn to the first 200 on /health, and on /protected with a valid token. */
    public record Times(long healthMillis, long authenticatedMillis) {}

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private final Http http;

    private ColdStart(Http http) {
        this.http = http;
    }

    /** {@code runs} cold starts of {@code command} (run by {@code sh -c}) with these variables. */
    public static List<Times> measure(String command, Map<String, String> variables, MockIssuer issuer, int runs)
            throws Exception {
        try (Http http = new Http()) {
            ColdStart cold = new ColdStart(http);
            cold.warmUp(issuer);
            List<Times> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                all.add(cold.once(command, variables, issuer));
            }
            return all;
        }
    }

    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The measuring client's own first requests are slow (class loading): make them before any clock runs. */
    private void warmUp(MockIssuer issuer) {
        for (int i = 0; i < 20; i++) {
            http.status(issuer.jwksUri());
        }
    }

    private Times once(String command, Map<String, String> variables, MockIssuer issuer) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String bearer = "Bearer " + issuer.token("RS256").compact(); // minted before the clock starts
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(n -> n.startsWith("JWT_") || n.equals("PORT") || n.equals("HOST"));
        builder.environment().putAll(variables);
        builder.environment().put("PORT", String.valueOf(port));
        URI base = URI.create("http://127.0.0.1:" + port);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long health = -1;
            while (health < 0) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with status " + process.exitValue()
                            + " before /health answered: " + command);
                }
                if (System.nanoTime() - start > LIMIT.toNanos()) {
                    throw new IllegalStateException("no 200 on /health within " + LIMIT.toSeconds() + " s: " + command);
                }
                if (http.status(base.resolve("/health")) == 200) {
                    health = (System.nanoTime() - start) / 1_000_000;
                } else {
                    Thread.sleep(5);
                }
            }
            int status = http.status(base.resolve("/protected"), "Authorization", bearer);
            if (status != 200) {
                throw new IllegalStateException("the first valid token got " + status + ": " + command);
            }
            return new Times(health, (System.nanoTime() - start) / 1_000_000);
        } finally {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList()); // before the shell exits
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
