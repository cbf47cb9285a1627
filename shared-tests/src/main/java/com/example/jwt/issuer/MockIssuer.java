package com.example.jwt.issuer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token issuer for tests: it publishes a JWKS, mints tokens, fails on demand and counts fetches. It also runs a
 * separate "attacker" server that counts every hit: an app that follows a {@code jku} or {@code x5u} header calls it.
 *
 * <p>The published set holds the keys an app must accept ({@code rsa-1}, {@code rsa-2}, {@code ec-1}, {@code ed-1})
 * and traps it must not use: an RSA key marked for encryption, an RSA-1024 key, and a member of an unknown key type.
 */
public final class MockIssuer implements Issuer, AutoCloseable {
    /** The audience that tokens carry by default and that the suite configures. */
    public static final String AUDIENCE = "contract-api";

    public final SigningKey rsa1;
    public final SigningKey rsa2;
    public final SigningKey ec1;
    public final SigningKey ed1;
    /** Published with {@code "use":"enc"}: it must never verify a signature. */
    public final SigningKey rsaEnc;
    /** Published, but RSA-1024: too weak to verify anything. */
    public final SigningKey rsaWeak;
    /** Not published: the attacker's own key, served by the attacker endpoint. */
    public final SigningKey attacker;

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpServer attackerServer;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mock-issuer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<Long> jwksFetchMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger attackerHits = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Fault fault = Fault.none();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private ServerSocket slowHeaders; // started on first use
    /** The key that signs each algorithm's tokens for the {@link Issuer} methods; {@link #rotate} replaces it. */
    private final Map<String, SigningKey> signing = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger rotations = new AtomicInteger();

    private MockIssuer(int port, Keys keys) throws IOException {
        rsa1 = keys.rsa1;
        rsa2 = keys.rsa2;
        ec1 = keys.ec1;
        ed1 = keys.ed1;
        rsaEnc = keys.rsaEnc;
        rsaWeak = keys.rsaWeak;
        attacker = keys.attacker;
        signing.putAll(Map.of("RS256", rsa1, "ES256", ec1, "EdDSA", ed1));
        for (SigningKey k : List.of(rsa1, rsa2, ec1, ed1, rsaEnc, rsaWeak)) {
            published.add(k.jwk());
        }
        published.add(Map.of("kty", "XYZ", "kid", "unknown-type", "x", "AAAA")); // must be ignored, RFC 7517 §5
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, port), 200);
        } catch (BindException e) {
            throw new BindException("port " + port + " is in use");
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        attackerServer = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
        attackerServer.setExecutor(executor);
        attackerServer.createContext("/", this::handleAttacker);
        server.start();
        attackerServer.start();
    }

    /** Starts an issuer on a free port of 127.0.0.1. */
    public static MockIssuer start() throws IOException {
        return new MockIssuer(0, Keys.SHARED);
    }

    /**
     * An issuer with keys of its own (the same kids, other key material), for several issuers at once: one issuer's
     * key must never verify another issuer's token.
     */
    public static MockIssuer startWithOwnKeys() throws IOException {
        return new MockIssuer(0, new Keys());
    }

    /** Starts an issuer on this port of 127.0.0.1; throws a {@link BindException} naming it when it is taken. */
    public static MockIssuer start(int port) throws IOException {
        return new MockIssuer(port, Keys.SHARED);
    }

    /** The issuer identifier: {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/.well-known/jwks.json");
    }

    /** A JWKS URL on the attacker's server, which serves the attacker's key. */
    public String attackerUrl() {
        return "http://127.0.0.1:" + attackerServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** When each JWKS fetch arrived, in milliseconds of {@link System#nanoTime()}. */
    public List<Long> jwksFetchTimes() {
        return List.copyOf(jwksFetchMillis);
    }

    public int attackerHits() {
        return attackerHits.get();
    }

    /** Sets how the JWKS endpoint answers from now on. */
    public void fault(Fault f) {
        if (f.kind() == Fault.Kind.HOLD) {
            held = new CountDownLatch(1);
        }
        this.fault = f;
    }

    /** Ends a {@link Fault#hold()}: every held JWKS request is answered, and later ones at once. */
    public void release() {
        fault = Fault.none();
        held.countDown();
    }

    /** Waits until this many JWKS requests have arrived, or the time is up; true if they have. */
    public boolean awaitJwksRequests(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (jwksFetches) {
            while (jwksFetches.get() < n) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                jwksFetches.wait(left);
            }
        }
        return true;
    }

    /**
     * A JWKS URL on a server of its own that sends {@code HTTP/1.1 200 OK} at once and then its headers one byte at a
     * time, never ending: a fetch bounded only per read never ends either. Its requests count as JWKS fetches.
     */
    public synchronized String slowHeadersUri() {
        if (slowHeaders == null) {
            try {
                slowHeaders = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the slow server", e);
            }
            Thread acceptor = new Thread(this::acceptSlowHeaders, "mock-issuer-slow-headers");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return "http://127.0.0.1:" + slowHeaders.getLocalPort() + "/.well-known/jwks.json";
    }

    private void acceptSlowHeaders() {
        while (!slowHeaders.isClosed()) {
            try {
                Socket socket = slowHeaders.accept();
                executor.execute(() -> dripHeaders(socket));
            } catch (IOException | RuntimeException e) {
                return; // closed
            }
        }
    }

    private void dripHeaders(Socket socket) {
        try (socket) {
            socket.getInputStream().read(new byte[8192]); // the request; its content does not matter
            countFetch();
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] header = "Content-Type: application/json\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; closed.getCount() > 0; i++) {
                out.write(i < header.length ? header[i] : 'a');
                out.flush();
                pause(Fault.DRIP_PAUSE);
            }
        } catch (IOException e) {
            // the client gave up: that is what it should do
        }
    }

    public void publish(SigningKey key) {
        published.add(key.jwk());
    }

    public void unpublish(String kid) {
        published.removeIf(jwk -> jwk instanceof Map<?, ?> m && kid.equals(m.get("kid")));
    }

    /**
     * Publishes a member as given, however wrong: a JWK map with missing or malformed parameters, or not an object at
     * all. What an issuer's mistake, or a key type of tomorrow, looks like to the app (KEY-5).
     */
    public void publishRaw(Object member) {
        published.add(member);
    }

    /** The JWKS document as served when nothing fails. */
    public String jwksJson() {
        return Json.write(Map.of("keys", new ArrayList<>(published)));
    }

    /**
     * A valid token signed with the issuer's key for this algorithm: {@code RS256} (rsa-1), {@code ES256} (ec-1) or
     * {@code EdDSA} (ed-1). Claims: iss, a unique sub, aud, iat, exp in five minutes.
     */
    public Token token(String alg) {
        SigningKey key = switch (alg) {
            case "RS256" -> rsa1;
            case "ES256" -> ec1;
            case "EdDSA" -> ed1;
            default -> throw new IllegalArgumentException(alg);
        };
        return tokenSignedBy(key, alg);
    }

    /** A valid-looking token whose header names this key and algorithm. */
    public Token tokenSignedBy(SigningKey key, String alg) {
        long now = Instant.now().getEpochSecond();
        return new Token(alg, key)
                .claim("iss", issuer())
                .claim("sub", "sub-" + UUID.randomUUID().toString().substring(0, 12))
                .claim("aud", AUDIENCE)
                .claim("iat", now)
                .claim("exp", now + 300);
    }

    // The Issuer methods: what the real-issuer cases ask of an identity provider, done by the mock.

    /** The variables for the real-issuer cases: this issuer, its audience, the scope, short JWKS timings. */
    @Override
    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWT_ISSUER", issuer());
        env.put("JWT_JWKS_URI", jwksUri().toString());
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.put("JWT_REQUIRED_SCOPE", SCOPE);
        env.put("JWT_JWKS_CACHE_SECONDS", "5");
        env.put("JWT_JWKS_REFRESH_MIN_SECONDS", "1");
        env.put("JWT_JWKS_TIMEOUT_MS", "1000");
        return env;
    }

    @Override
    public String token(Kind kind) {
        return switch (kind) {
            case RS256 -> withScope("RS256").compact();
            case ES256 -> withScope("ES256").compact();
            case EDDSA -> withScope("EdDSA").compact();
            case AT_JWT -> withScope("RS256").header("typ", "at+jwt").compact();
            case OTHER_AUDIENCE ->
                withScope("RS256").claim("aud", "another-api").compact();
            case HS512 ->
                tokenSignedBy(signing.get("RS256"), "HS512")
                        .claim("scope", SCOPE)
                        .hmacWith("a secret the app cannot know".getBytes(StandardCharsets.UTF_8))
                        .compact();
            case WITHOUT_SCOPE -> tokenSignedBy(signing.get("RS256"), "RS256").compact();
        };
    }

    private Token withScope(String alg) {
        return tokenSignedBy(signing.get(alg), alg).claim("scope", SCOPE);
    }

    /** Publishes a new key for this alg (RS256 or ES256), which signs its tokens from now on. */
    @Override
    public void rotate(String alg) {
        int n = rotations.incrementAndGet();
        SigningKey key = switch (alg) {
            case "RS256" -> SigningKey.rsa("rsa-rotated-" + n, 2048, "sig", null);
            case "ES256" -> SigningKey.ec("ec-rotated-" + n);
            default -> throw new IllegalArgumentException(alg);
        };
        publish(key);
        signing.put(alg, key);
    }

    @Override
    public void removeKey(String kid) {
        unpublish(kid);
    }

    /** Down: the JWKS endpoint answers 503. */
    @Override
    public void keySetDown(boolean down) {
        fault(down ? Fault.status(503) : Fault.none());
    }

    @Override
    public void close() {
        closed.countDown();
        held.countDown();
        synchronized (this) {
            if (slowHeaders != null) {
                try {
                    slowHeaders.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        server.stop(0);
        attackerServer.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/.well-known/jwks.json" -> {
                    countFetch();
                    serveJwks(ex);
                }
                case "/.well-known/openid-configuration" ->
                    send(
                            ex,
                            200,
                            Json.write(Map.of(
                                    "issuer", issuer(),
                                    "jwks_uri", jwksUri().toString(),
                                    "id_token_signing_alg_values_supported", List.of("RS256", "ES256", "EdDSA"))));
                case "/token" -> send(ex, 200, demoToken(ex.getRequestURI().getQuery()));
                default -> send(ex, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private void countFetch() {
        jwksFetchMillis.add(System.nanoTime() / 1_000_000);
        synchronized (jwksFetches) {
            jwksFetches.incrementAndGet();
            jwksFetches.notifyAll();
        }
    }

    private void serveJwks(HttpExchange ex) throws IOException {
        Fault f = fault;
        switch (f.kind()) {
            case NONE -> send(ex, 200, jwksJson());
            case STATUS -> send(ex, f.status(), "{\"error\":\"server_error\"}");
            case DELAY -> {
                pause(f.delay());
                send(ex, 200, jwksJson());
            }
            case HANG -> pause(Duration.ofMinutes(2)); // until the client gives up or the issuer closes
            case GARBAGE -> send(ex, 200, "<html>this is not a key set</html>");
            case EMPTY -> send(ex, 200, "{\"keys\":[]}");
            case HOLD -> {
                try {
                    CountDownLatch latch = held;
                    while (closed.getCount() > 0 && !latch.await(50, TimeUnit.MILLISECONDS)) {
                        // held until release() or close()
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, jwksJson());
            }
            case DRIP_BODY, DRIP_CHUNKS -> drip(ex, jwksJson(), f);
        }
    }

    /** The headers at once, then the body a byte at a time until it is sent, the client leaves or the issuer closes. */
    private void drip(HttpExchange ex, String body, Fault f) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(200, f.kind() == Fault.Kind.DRIP_CHUNKS ? 0 : bytes.length);
            for (int i = 0; i < bytes.length && closed.getCount() > 0; i++) {
                out.write(bytes[i]);
                out.flush();
                pause(f.delay());
            }
        } catch (IOException e) {
            // the client gave up: that is what it should do
        }
    }

    /** The standalone issuer's convenience endpoint: {@code /token?alg=EdDSA|RS256|ES256&sub=alice&aud=x}. */
    private String demoToken(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        Token t = token(params.getOrDefault("alg", "EdDSA"))
                .withoutClaim("iat")
                .withoutClaim("aud")
                .claim("sub", params.getOrDefault("sub", "alice"))
                // A fixed far-future exp keeps the walk-through outputs exact. Real gateway tokens live minutes.
                .claim("exp", 4102444800L);
        if (params.containsKey("aud")) {
            t.claim("aud", params.get("aud"));
        }
        return t.compact();
    }

    /** RSA key generation is slow, so issuers in one JVM share these keys unless they ask for their own. */
    private static final class Keys {
        static final Keys SHARED = new Keys();
        final SigningKey rsa1 = SigningKey.rsa("rsa-1", 2048, "sig", "RS256");
        final SigningKey rsa2 = SigningKey.rsa("rsa-2", 2048, null, null);
        final SigningKey ec1 = SigningKey.ec("ec-1");
        final SigningKey ed1 = SigningKey.ed25519("ed-1");
        final SigningKey rsaEnc = SigningKey.rsa("rsa-enc", 2048, "enc", null);
        final SigningKey rsaWeak = SigningKey.rsa("rsa-weak", 1024, "sig", "RS256");
        final SigningKey attacker = SigningKey.rsa("attacker-1", 2048, "sig", "RS256");
    }

    private void pause(Duration d) {
        try {
            closed.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleAttacker(HttpExchange ex) throws IOException {
        try (ex) {
            attackerHits.incrementAndGet();
            send(ex, 200, Json.write(Map.of("keys", List.of(attacker.jwk()))));
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        // Like real issuers, invite long caching: JWT_JWKS_CACHE_SECONDS must still decide how long keys live.
        ex.getResponseHeaders().set("Cache-Control", "public, max-age=86400");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException ignored) {
            // the client went away (timeout): nothing to do
        }
    }

    /** Starts an issuer for people: {@code java -jar jwt-contract.jar issuer [--port 9000]}. */
    public static void main(String[] args) throws Exception {
        int port = 9000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: java -jar jwt-contract.jar issuer [--port 9000]");
                System.exit(2);
            }
        }
        MockIssuer issuer;
        try {
            issuer = start(port);
        } catch (BindException e) {
            System.err.println("Mock issuer: port " + port + " is in use; pick another with --port");
            System.exit(2);
            return;
        }
        System.out.println("Mock issuer " + issuer.issuer());
        System.out.println("  keys:   " + issuer.jwksUri());
        System.out.println("  tokens: " + issuer.issuer() + "/token?alg=EdDSA|RS256|ES256&sub=alice&aud=<audience>");
        System.out.flush();
        Thread.currentThread().join();
    }
}
