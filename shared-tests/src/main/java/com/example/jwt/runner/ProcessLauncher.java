package com.example.jwt.runner;

import com.example.jwt.contract.Launcher;
import com.example.jwt.contract.RunningApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the service under test as a process: {@code sh -c "<command>"} with the contract's variables in its
 * environment (PORT=0 becomes a free port), and waits until {@code GET /health} answers 200. Everything it prints is
 * kept (up to {@value #KEPT_LINES} lines) for the cases that read it.
 */
public final class ProcessLauncher implements Launcher {
    /** Lines kept of what a service prints; a service that prints more keeps its first ones (and a count). */
    private static final int KEPT_LINES = 100_000;
    /** Lines of a failed start quoted in its message. */
    private static final int QUOTED_LINES = 30;

    private final String command;
    private final Duration startupTimeout;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ProcessLauncher(String command, Duration startupTimeout) {
        this.command = command;
        this.startupTimeout = startupTimeout;
    }

    /**
     * The service exited (its status), or never answered on /health (status -1): the message holds the last lines it
     * printed, {@link #output} all of them.
     */
    public static final class StartupFailure extends Exception implements Launcher.Exited {
        private final int exitStatus;
        private final List<String> output;

        public StartupFailure(String message, int exitStatus, List<String> output) {
            super(message);
            this.exitStatus = exitStatus;
            this.output = List.copyOf(output);
        }

        @Override
        public int exitStatus() {
            return exitStatus;
        }

        @Override
        public List<String> output() {
            return output;
        }
    }

    @Override
    public RunningApp start(Map<String, String> variables) throws Exception {
        String requested = variables.getOrDefault("PORT", "0");
        int port = requested.equals("0") ? freePort() : requested.matches("\\d{1,5}") ? Integer.parseInt(requested) : 0;
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("JWT_") || name.equals("PORT") || name.equals("HOST"));
        env.putAll(variables);
        if (requested.equals("0")) {
            env.put("PORT", String.valueOf(port)); // the service cannot tell us which port it took
        }
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> keepLines(process, lines), "service-output");
        reader.setDaemon(true);
        reader.start();

        URI base = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(startupTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                reader.join(2000);
                int code = process.exitValue();
                String hint = code == 127 ? " (command not found: " + command + ")" : "";
                throw new StartupFailure(
                        "the service exited with status " + code + hint + " before /health answered;"
                                + " its last lines:\n" + lastLines(lines),
                        code,
                        snapshot(lines));
            }
            if (healthy(base)) {
                return new RunningApp() {
                    @Override
                    public URI baseUri() {
                        return base;
                    }

                    @Override
                    public long pid() {
                        // sh -c may exec the command or run it as a child: the last process started is the service
                        return process.descendants()
                                .mapToLong(ProcessHandle::pid)
                                .max()
                                .orElse(process.pid());
                    }

                    @Override
                    public List<String> output() {
                        return snapshot(lines);
                    }

                    @Override
                    public void close() {
                        stop(process);
                    }
                };
            }
            Thread.sleep(25);
        }
        stop(process);
        throw new StartupFailure(
                "the service did not answer 200 on " + base + "/health within " + startupTimeout.toSeconds()
                        + " s; its last lines:\n" + lastLines(lines),
                -1,
                snapshot(lines));
    }

    private boolean healthy(URI base) {
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(base.resolve("/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void keepLines(Process process, List<String> lines) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    if (lines.size() < KEPT_LINES) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static String lastLines(List<String> lines) {
        List<String> all = snapshot(lines);
        return all.isEmpty()
                ? "  (nothing)"
                : "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - QUOTED_LINES), all.size()));
    }

    /** Stops the shell and everything it started: TERM first, KILL after 5 s. */
    private static void stop(Process process) {
        // Taken before the shell exits: its children are re-parented then, and are no longer its descendants.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (ProcessHandle p : all) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // killed below
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly); // a JVM deaf to TERM
    }

    /** Where {@link #freePort()} starts looking: random, so that two suites on one machine rarely meet. */
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    /**
     * A port that is free now, below the system's ephemeral range, and not handed out before by this JVM. A port the
     * system handed out (port 0) could be taken again before the service binds it: by a socket the suite opens
     * meanwhile (its issuers listen on port 0, its clients connect from ephemeral ports), and the service then exits
     * with "port in use". Ports below the range are never handed out that way.
     */
    private static int freePort() throws IOException {
        int low = 10_000;
        int high = ephemeralLow();
        for (int i = 0; i < 1000 && high > low; i++) {
            int port = low + Math.floorMod(NEXT_PORT.getAndIncrement(), high - low);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // the next one
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) { // no room below the range: the system's choice
            return socket.getLocalPort();
        }
    }

    /** The first port of the system's ephemeral range (Linux's /proc; 32768 elsewhere, the usual value). */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
