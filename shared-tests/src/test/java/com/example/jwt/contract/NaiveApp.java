package com.example.jwt.contract;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.MockIssuerTest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JDK-only app for the suite's self-test. Without mistakes it follows the contract; each {@link Mistake} is one of
 * the errors people copy from snippets, and the self-test proves the suite catches every one.
 */
final class NaiveApp implements AutoCloseable {
    enum Mistake {
        SKIP_EXP,
        SKIP_ISS,
        SKIP_AUD,
        ACCEPT_NONE,
        HMAC_WITH_PUBLIC_KEY,
        FIRST_KEY_OF_TYPE,
        FOLLOW_JKU,
        FETCH_EVERY_REQUEST,
        NEVER_REFETCH,
        REFETCH_EVERY_UNKNOWN_KID,
        CRASH_WHEN_JWKS_DOWN,
        ECHO_REASON,
        TOKEN_FROM_QUERY,
        IGNORE_TYP,
        IGNORE_USE_ENC,
        HEAD_SKIPS_CHECK,
        GUARD_EXACT_PATH_ONLY,
        FIRST_OF_TWO_HEADERS,
        DATES_UNBOUNDED,
        TEXT_NOT_FOUND,
        TWO_CACHES_REFETCH,
        KEYS_BEFORE_CHECKS,
        /** Bounds each read of the JWKS fetch, not the fetch (HttpURLConnection's connect and read timeouts). */
        PER_READ_TIMEOUT_ONLY,
        /** Picks keys by kid and type, ignoring the JWK's alg and key_ops. */
        JWK_ALG_IGNORED,
        /** Parses the payload recursively, without a depth limit, and catches Exception but not StackOverflowError. */
        CATCH_EXCEPTION_NOT_ERROR,
        /** Ignores the crit header. */
        CRIT_IGNORED,
        /** Picks the key, then accepts whatever the signature is. */
        SIGNATURE_NOT_CHECKED,
        /** Verifies with the key the token's jwk header carries. */
        KEY_FROM_HEADER,
        /** Never looks at JWT_REQUIRED_SCOPE. */
        REQUIRED_SCOPE_IGNORED,
        /** With several issuers, tries the keys of every issuer, not only those of the token's iss. */
        KEYS_OF_ANY_ISSUER,
        /** A failed refresh forgets the cached keys. */
        DROP_KEYS_ON_FAILED_REFRESH,
        /** Checks an RSA key's size but not its public exponent. */
        RSA_EXPONENT_UNCHECKED,
        /** One member of a known key type that cannot be used makes the whole key set unusable. */
        WHOLE_SET_ON_BAD_MEMBER,
        /** Reads no member's crv: an EC key is taken as P-256, an OKP key as Ed25519. */
        CURVE_UNCHECKED,
        /** Decodes an Ed25519 key from its x without checking that x is 32 bytes. */
        ED25519_LENGTH_UNCHECKED,
        /** Without JWT_AUDIENCE, starts and checks no aud. */
        AUDIENCE_OPTIONAL,
        /** Logs each rejected token at WARN, with the token. */
        LOG_REJECTIONS,
        /** A configuration error ends the process with the exception's stack trace. */
        CONFIG_STACK_TRACE
    }

    /** The startup line of JWT_ALLOW_ANY_AUDIENCE=true. */
    static final String ANY_AUDIENCE_WARNING = "JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked;"
            + " tokens this issuer made for any API are accepted";

    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final BigInteger EXPONENT_LIMIT = BigInteger.ONE.shiftLeft(256);

    private final Set<Mistake> mistakes;
    private final MiniHttpServer server;
    private final Map<String, KeyCache> issuers = new java.util.LinkedHashMap<>();
    private final String tokenHeader;
    private final String requiredScope;
    private final String audience;
    private final boolean anyAudience;
    private final Set<String> algorithms;
    private final long skew;
    private final long cacheMillis;
    private final long refreshMinMillis;
    private final Duration timeout;
    private final HttpClient client;

    private record Jwk(String kid, String kty, String use, String alg, List<?> keyOps, PublicKey key) {}

    /** A rejected token: 401, or 503 when keys could not be fetched. */
    private static final class Reject extends Exception {
        final int status;

        Reject(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }

    NaiveApp(Map<String, String> env, Set<Mistake> mistakes) throws IOException {
        this.mistakes = mistakes.isEmpty() ? EnumSet.noneOf(Mistake.class) : EnumSet.copyOf(mistakes);
        String issuerList = env.get("JWT_ISSUER");
        if (issuerList == null || issuerList.isBlank()) {
            throw new IllegalArgumentException("JWT_ISSUER is required");
        }
        tokenHeader = env.getOrDefault("JWT_HEADER", "Authorization");
        requiredScope = env.get("JWT_REQUIRED_SCOPE");
        audience = blankToNull(env.get("JWT_AUDIENCE"));
        String any = env.getOrDefault("JWT_ALLOW_ANY_AUDIENCE", "false");
        if (!any.equals("true") && !any.equals("false")) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE must be true or false");
        }
        anyAudience = any.equals("true");
        if (anyAudience && audience != null) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE: set one of them");
        }
        if (!anyAudience && audience == null && !this.mistakes.contains(Mistake.AUDIENCE_OPTIONAL)) {
            throw new IllegalArgumentException(
                    "JWT_AUDIENCE is required (or JWT_ALLOW_ANY_AUDIENCE=true to accept tokens for any API)");
        }
        algorithms =
                Set.of(env.getOrDefault("JWT_ALGORITHMS", "EdDSA,RS256,ES256").split(","));
        for (String alg : algorithms) {
            if (!Set.of("EdDSA", "RS256", "ES256").contains(alg)) {
                throw new IllegalArgumentException("JWT_ALGORITHMS: unsupported " + alg);
            }
        }
        skew = number(env, "JWT_CLOCK_SKEW_SECONDS", 60, 0);
        cacheMillis = number(env, "JWT_JWKS_CACHE_SECONDS", 300, 0) * 1000;
        refreshMinMillis = number(env, "JWT_JWKS_REFRESH_MIN_SECONDS", 30, 0) * 1000;
        timeout = Duration.ofMillis(number(env, "JWT_JWKS_TIMEOUT_MS", 2000, 1));
        int port = (int) number(env, "PORT", 8080, 0);
        String[] names = issuerList.split(",");
        if (names.length > 1 && env.get("JWT_JWKS_URI") != null) {
            throw new IllegalArgumentException("JWT_JWKS_URI is only allowed with a single issuer");
        }
        for (String name : names) {
            try {
                issuers.put(
                        name.strip(),
                        new KeyCache(
                                new URI(env.getOrDefault("JWT_JWKS_URI", name.strip() + "/.well-known/jwks.json"))));
            } catch (Exception e) {
                throw new IllegalArgumentException("JWT_JWKS_URI is not a URI");
            }
        }
        client = HttpClient.newBuilder().connectTimeout(timeout).build();
        if (anyAudience) {
            log("WARN", ANY_AUDIENCE_WARNING);
        }
        server = new MiniHttpServer(env.getOrDefault("HOST", "0.0.0.0"), port, ex -> {
            String path = ex.uri.getRawPath();
            if (path.equals("/protected") || path.startsWith("/protected/")) {
                handle(ex);
            } else if (!path.equals("/health") && mistakes.contains(Mistake.TEXT_NOT_FOUND)) {
                ex.send(404, "text/plain", "Not found");
            } else if (!path.equals("/health")) {
                send(ex, 404, Map.of("error", "not_found"));
            } else if (!ex.method.equals("GET") && !ex.method.equals("HEAD")) {
                send(ex, 405, Map.of("error", "method_not_allowed"));
            } else {
                send(ex, 200, Map.of("status", "UP"));
            }
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Runs the app as a process, configured by the environment (and NAIVE_MISTAKES, a comma-separated list): a bad
     * configuration prints one line and exits with status 2.
     */
    public static void main(String[] args) throws Exception {
        Set<Mistake> mistakes = EnumSet.noneOf(Mistake.class);
        for (String name : System.getenv().getOrDefault("NAIVE_MISTAKES", "").split(",")) {
            if (!name.isBlank()) {
                mistakes.add(Mistake.valueOf(name.strip()));
            }
        }
        NaiveApp app;
        try {
            app = new NaiveApp(System.getenv(), mistakes);
        } catch (IllegalArgumentException e) {
            if (mistakes.contains(Mistake.CONFIG_STACK_TRACE)) {
                throw new IllegalStateException("could not start", e);
            }
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        log("INFO", "listening on port " + app.port());
        Thread.currentThread().join(); // the server's threads are virtual: they keep no JVM alive
    }

    /** One line on standard error; DEBUG lines are not written. */
    private static void log(String level, String message) {
        System.err.println(java.time.Instant.now() + " " + level + " naive: " + message);
    }

    private static long number(Map<String, String> env, String name, long fallback, long min) {
        String v = env.get(name);
        try {
            long n = v == null ? fallback : Long.parseLong(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= " + min);
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(MiniHttpServer.Exchange ex) throws IOException {
        String method = ex.method;
        boolean exact = ex.uri.getRawPath().equals("/protected");
        if (!exact && !mistakes.contains(Mistake.GUARD_EXACT_PATH_ONLY)) {
            send(ex, 404, Map.of("error", "not_found"));
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(ex, 405, Map.of("error", "method_not_allowed"));
            return;
        }
        if (mistakes.contains(Mistake.HEAD_SKIPS_CHECK) && method.equals("HEAD")
                || mistakes.contains(Mistake.GUARD_EXACT_PATH_ONLY) && !exact) {
            send(ex, 200, Map.of("message", "Access granted", "subject", "", "claims", Map.of()));
            return;
        }
        List<String> copies = ex.header(tokenHeader);
        if (copies.size() > 1 && !mistakes.contains(Mistake.FIRST_OF_TWO_HEADERS)) {
            ex.responseHeaders.put("WWW-Authenticate", "Bearer error=\"invalid_request\"");
            send(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        String header = copies.isEmpty() ? null : copies.get(0);
        if (header != null
                && !tokenHeader.equalsIgnoreCase("Authorization")
                && !header.strip().toLowerCase().startsWith("bearer ")) {
            header = "Bearer " + header.strip(); // a custom header may carry the bare token
        }
        String query = ex.uri.getQuery();
        if (mistakes.contains(Mistake.TOKEN_FROM_QUERY) && header == null && query != null) {
            header = "Bearer " + query.substring(query.indexOf('=') + 1);
        }
        String value = header == null ? "" : header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("bearer")) {
            ex.responseHeaders.put("WWW-Authenticate", "Bearer");
            send(ex, 401, Map.of("error", "unauthorized"));
            return;
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            ex.responseHeaders.put("WWW-Authenticate", "Bearer error=\"invalid_request\"");
            send(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        try {
            Map<String, Object> claims = verify(token);
            if (requiredScope != null && !mistakes.contains(Mistake.REQUIRED_SCOPE_IGNORED) && !hasScope(claims)) {
                ex.responseHeaders.put(
                        "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
                send(ex, 403, Map.of("error", "insufficient_scope"));
                return;
            }
            send(ex, 200, Map.of("message", "Access granted", "subject", claims.get("sub"), "claims", claims));
        } catch (Reject r) {
            if (r.status == 503) {
                ex.responseHeaders.put("Retry-After", "5");
                send(ex, 503, Map.of("error", "temporarily_unavailable"));
            } else {
                if (mistakes.contains(Mistake.LOG_REJECTIONS)) {
                    log("WARN", "rejected token " + token + ": " + r.getMessage());
                }
                String description = mistakes.contains(Mistake.ECHO_REASON) ? r.getMessage() : "The token is not valid";
                ex.responseHeaders.put(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"" + description.replace("\"", "'") + "\"");
                send(ex, 401, Map.of("error", "invalid_token", "error_description", description));
            }
        } catch (RuntimeException e) {
            send(ex, 500, Map.of("error", "server_error"));
        }
    }

    private Map<String, Object> verify(String token) throws Reject {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Reject(401, "not three parts");
        }
        if (mistakes.contains(Mistake.CATCH_EXCEPTION_NOT_ERROR)) {
            depthOnASmallStack(decode(parts[1]));
        }
        Map<String, Object> header = Json.objectOrNull(decode(parts[0]));
        Map<String, Object> claims = Json.objectOrNull(decode(parts[1]));
        if (header == null || claims == null) {
            throw new Reject(401, "not JSON");
        }
        KeyCache cache = mistakes.contains(Mistake.SKIP_ISS)
                ? issuers.values().iterator().next()
                : issuers.get(String.valueOf(claims.get("iss")));
        if (cache == null) {
            throw new Reject(401, "unlisted issuer"); // no fetch for an issuer we do not trust
        }
        String alg = String.valueOf(header.get("alg"));
        if (mistakes.contains(Mistake.KEYS_BEFORE_CHECKS)) {
            cache.keys(false);
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Reject(401, "signature is not base64url");
        }
        boolean verified;
        if (mistakes.contains(Mistake.ACCEPT_NONE) && alg.equalsIgnoreCase("none")) {
            verified = true;
        } else if (mistakes.contains(Mistake.HMAC_WITH_PUBLIC_KEY) && alg.equals("HS256")) {
            verified = hmacWithPublicKey(cache, input, signature);
        } else {
            if (!algorithms.contains(alg)) {
                throw new Reject(401, "alg " + alg + " not allowed");
            }
            if (header.containsKey("crit") && !mistakes.contains(Mistake.CRIT_IGNORED)) {
                throw new Reject(401, "crit");
            }
            Object typ = header.get("typ");
            if (typ != null
                    && !mistakes.contains(Mistake.IGNORE_TYP)
                    && !String.valueOf(typ)
                            .toLowerCase()
                            .replaceFirst("^application/", "")
                            .matches("jwt|at\\+jwt")) {
                throw new Reject(401, "typ");
            }
            verified = mistakes.contains(Mistake.KEYS_OF_ANY_ISSUER) && issuers.size() > 1
                    ? anyIssuersKeyVerifies(header, alg, input, signature)
                    : verifySignature(alg, key(cache, header, alg), input, signature);
            verified |= mistakes.contains(Mistake.SIGNATURE_NOT_CHECKED);
        }
        if (!verified) {
            throw new Reject(401, "bad signature");
        }
        for (String date : List.of("exp", "nbf", "iat")) {
            Object v = claims.get(date);
            if (v != null
                    && !mistakes.contains(Mistake.DATES_UNBOUNDED)
                    && !(v instanceof Number n
                            && Double.isFinite(n.doubleValue())
                            && n.doubleValue() >= -62_135_596_800d
                            && n.doubleValue() < 253_402_300_800d)) {
                throw new Reject(401, date + " is not a date");
            }
        }
        long now = System.currentTimeMillis() / 1000;
        if (!mistakes.contains(Mistake.SKIP_EXP)
                && (!(claims.get("exp") instanceof Number exp) || now >= exp.longValue() + skew)) {
            throw new Reject(401, "expired " + claims.get("exp"));
        }
        Object nbf = claims.get("nbf");
        if (nbf != null && (!(nbf instanceof Number n) || now < n.longValue() - skew)) {
            throw new Reject(401, "nbf");
        }
        if (!anyAudience && audience != null && !mistakes.contains(Mistake.SKIP_AUD)) {
            Object aud = claims.get("aud");
            boolean ok = audience.equals(aud) || aud instanceof List<?> list && list.contains(audience);
            if (!ok) {
                throw new Reject(401, "aud");
            }
        }
        if (!(claims.get("sub") instanceof String)) {
            throw new Reject(401, "sub");
        }
        return claims;
    }

    private boolean anyIssuersKeyVerifies(Map<String, Object> header, String alg, byte[] input, byte[] signature)
            throws Reject {
        for (KeyCache cache : issuers.values()) {
            for (Jwk k : suitable(cache.keys(false), (String) header.get("kid"), alg)) {
                if (verifySignature(alg, k.key(), input, signature)) {
                    return true;
                }
            }
        }
        return false;
    }

    private PublicKey key(KeyCache cache, Map<String, Object> header, String alg) throws Reject {
        if (mistakes.contains(Mistake.KEY_FROM_HEADER) && header.get("jwk") instanceof Map<?, ?> jwk) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> member = (Map<String, Object>) jwk;
                return MockIssuerTest.publicKey(member);
            } catch (Exception e) {
                throw new Reject(401, "jwk");
            }
        }
        if (mistakes.contains(Mistake.FOLLOW_JKU) && header.get("jku") instanceof String jku) {
            return parse(fetch(URI.create(jku)), new ArrayList<>()).get(0).key();
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new Reject(401, "kid");
        }
        List<Jwk> candidates = suitable(cache.keys(false), (String) kid, alg);
        if (candidates.isEmpty() && kid != null) {
            candidates = suitable(cache.keys(true), (String) kid, alg);
        }
        if (mistakes.contains(Mistake.FIRST_KEY_OF_TYPE)) {
            candidates = suitable(cache.keys(false), null, alg);
            return candidates.isEmpty() ? null : candidates.get(0).key();
        }
        if (candidates.size() != 1) {
            throw new Reject(401, "no key for kid " + kid);
        }
        return candidates.get(0).key();
    }

    private List<Jwk> suitable(List<Jwk> all, String kid, String alg) {
        String kty = switch (alg) {
            case "RS256" -> "RSA";
            case "ES256" -> "EC";
            default -> "OKP";
        };
        List<Jwk> out = new ArrayList<>();
        for (Jwk k : all) {
            boolean usable = mistakes.contains(Mistake.IGNORE_USE_ENC) || !"enc".equals(k.use());
            boolean strong = !(k.key() instanceof RSAPublicKey rsa) || strongRsa(rsa);
            boolean allowed = mistakes.contains(Mistake.JWK_ALG_IGNORED)
                    || (k.alg() == null || k.alg().equals(alg))
                            && (k.keyOps() == null || k.keyOps().contains("verify"));
            if (k.kty().equals(kty) && usable && strong && allowed && (kid == null || kid.equals(k.kid()))) {
                out.add(k);
            }
        }
        return out;
    }

    /** KEY-3: n of 2048 bits or more, e odd and 65537 <= e < 2^256 (FIPS 186-5 §5.4). */
    private boolean strongRsa(RSAPublicKey rsa) {
        BigInteger e = rsa.getPublicExponent();
        return rsa.getModulus().bitLength() >= 2048
                && (mistakes.contains(Mistake.RSA_EXPONENT_UNCHECKED)
                        || e.testBit(0) && e.compareTo(MIN_EXPONENT) >= 0 && e.compareTo(EXPONENT_LIMIT) < 0);
    }

    private final class KeyCache {
        private final URI uri;
        private List<Jwk> keys;
        /** The members skipped at the last fetch (kid and reason), to log only a change at WARN (KEY-5). */
        private List<String> skipped = List.of();

        private long fetchedAt;
        private long lastAttempt;
        private boolean lastFailed;

        KeyCache(URI uri) {
            this.uri = uri;
        }

        /** One issuer's keys; one fetch at a time (the lock), rate-limited, and a failed refresh keeps the old keys. */
        synchronized List<Jwk> keys(boolean unknownKid) throws Reject {
            long now = System.currentTimeMillis();
            boolean stale = keys == null || now >= fetchedAt + cacheMillis;
            boolean mayRetry = now >= lastAttempt + refreshMinMillis;
            boolean fetch = mistakes.contains(Mistake.FETCH_EVERY_REQUEST)
                    || (mistakes.contains(Mistake.REFETCH_EVERY_UNKNOWN_KID) && unknownKid)
                    || (mistakes.contains(Mistake.NEVER_REFETCH)
                            ? keys == null
                            : (stale && (!lastFailed || mayRetry)) || (unknownKid && mayRetry));
            if (fetch) {
                lastAttempt = now;
                try {
                    if (mistakes.contains(Mistake.TWO_CACHES_REFETCH) && unknownKid) {
                        parse(
                                fetch(uri),
                                new ArrayList<>()); // an outer cache refetches, then the inner one it wraps does again
                    }
                    List<String> skippedNow = new ArrayList<>();
                    keys = parse(fetch(uri), skippedNow);
                    fetchedAt = now;
                    lastFailed = false;
                    if (!skippedNow.equals(skipped) && !skippedNow.isEmpty()) {
                        log("WARN", "JWKS of " + uri + ": members skipped: " + String.join("; ", skippedNow));
                    }
                    skipped = skippedNow;
                } catch (Reject e) {
                    lastFailed = true;
                    if (mistakes.contains(Mistake.DROP_KEYS_ON_FAILED_REFRESH)) {
                        keys = null;
                    }
                    if (mistakes.contains(Mistake.CRASH_WHEN_JWKS_DOWN)) {
                        throw new IllegalStateException("JWKS down");
                    }
                }
            }
            if (keys == null || (lastFailed && unknownKid)) {
                throw new Reject(503, "keys unavailable");
            }
            return keys;
        }
    }

    private boolean hasScope(Map<String, Object> claims) {
        if (claims.get("scope") instanceof String scope
                && List.of(scope.split(" ")).contains(requiredScope)) {
            return true;
        }
        return claims.get("scp") instanceof List<?> scp && scp.contains(requiredScope);
    }

    /** The JWKS, within the timeout for the whole fetch: connecting, the headers and the body to its end. */
    private String fetch(URI uri) throws Reject {
        if (mistakes.contains(Mistake.PER_READ_TIMEOUT_ONLY)) {
            return fetchWithReadTimeouts(uri);
        }
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(
                HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> r = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.statusCode() != 200) {
                throw new Reject(503, "status " + r.statusCode());
            }
            return r.body();
        } catch (ExecutionException | TimeoutException e) {
            call.cancel(true);
            throw new Reject(503, "fetch failed");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new Reject(503, "interrupted");
        }
    }

    private String fetchWithReadTimeouts(URI uri) throws Reject {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            try (InputStream in = c.getInputStream()) {
                if (c.getResponseCode() != 200) {
                    throw new Reject(503, "status " + c.getResponseCode());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new Reject(503, "fetch failed");
        }
    }

    /** A recursive look at the nesting, on a thread with a small stack, as a recursive parser deep in a server is. */
    private static void depthOnASmallStack(String json) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        depth(json, 0);
                    } catch (Throwable e) {
                        thrown[0] = e;
                    }
                },
                "naive-parser",
                64 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thrown[0] instanceof Error error) {
            throw error;
        }
    }

    private static int depth(String json, int i) {
        while (i < json.length() && json.charAt(i) != '[' && json.charAt(i) != '{') {
            i++;
        }
        return i >= json.length() ? 0 : 1 + depth(json, i + 1);
    }

    /**
     * The usable members of a JWKS; each member that cannot be used is skipped, its kid and the reason added to
     * {@code skipped} (KEY-5). A document without a {@code keys} array is an outage.
     */
    private List<Jwk> parse(String body, List<String> skipped) throws Reject {
        Map<String, Object> jwks = Json.objectOrNull(body);
        if (jwks == null || !(jwks.get("keys") instanceof List<?> list)) {
            throw new Reject(503, "not a JWKS");
        }
        List<Jwk> out = new ArrayList<>();
        for (Object o : list) {
            Object kid = o instanceof Map<?, ?> m ? m.get("kid") : null;
            try {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = (Map<String, Object>) m;
                out.add(new Jwk(
                        (String) kid,
                        (String) jwk.get("kty"),
                        (String) jwk.get("use"),
                        (String) jwk.get("alg"),
                        (List<?>) jwk.get("key_ops"),
                        publicKey(jwk)));
            } catch (Exception e) {
                String reason = e instanceof IllegalArgumentException ? e.getMessage() : "not a usable key";
                boolean knownType = o instanceof Map<?, ?> m
                        && m.get("kty") instanceof String kty
                        && List.of("RSA", "EC", "OKP").contains(kty);
                if (mistakes.contains(Mistake.WHOLE_SET_ON_BAD_MEMBER) && knownType) {
                    throw new Reject(503, "a member is " + reason);
                }
                skipped.add("kid " + (kid instanceof String k ? k : "(none)") + ": " + reason);
            }
        }
        return out;
    }

    /** RSA, EC P-256 and Ed25519 keys, checked member by member; anything else is an IllegalArgumentException. */
    private PublicKey publicKey(Map<String, Object> jwk) throws Exception {
        Object kty = jwk.get("kty");
        if (!(kty instanceof String)) {
            throw new IllegalArgumentException("no kty");
        }
        switch ((String) kty) {
            case "RSA" -> {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e")));
            }
            case "EC" -> {
                if (!"P-256".equals(jwk.get("crv")) && !mistakes.contains(Mistake.CURVE_UNCHECKED)) {
                    throw new IllegalArgumentException("curve not supported");
                }
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                ECPoint w = new ECPoint(number(jwk, "x"), number(jwk, "y"));
                if (!onCurve(spec, w)) {
                    throw new IllegalArgumentException("point not on the curve");
                }
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
            }
            case "OKP" -> {
                if (!"Ed25519".equals(jwk.get("crv")) && !mistakes.contains(Mistake.CURVE_UNCHECKED)) {
                    throw new IllegalArgumentException("curve not supported");
                }
                if (bytes(jwk, "x").length != 32 && !mistakes.contains(Mistake.ED25519_LENGTH_UNCHECKED)) {
                    throw new IllegalArgumentException("x is not 32 bytes");
                }
                return MockIssuerTest.publicKey(jwk);
            }
            default -> throw new IllegalArgumentException("key type not supported");
        }
    }

    private static boolean onCurve(ECParameterSpec spec, ECPoint w) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3)
                .add(spec.getCurve().getA().multiply(x))
                .add(spec.getCurve().getB())
                .mod(p);
        return y.modPow(BigInteger.TWO, p).equals(right);
    }

    private static byte[] bytes(Map<String, Object> jwk, String name) {
        if (!(jwk.get(name) instanceof String value) || !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(name + " is not base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url");
        }
    }

    private static BigInteger number(Map<String, Object> jwk, String name) {
        return new BigInteger(1, bytes(jwk, name));
    }

    private static boolean verifySignature(String alg, PublicKey key, byte[] input, byte[] signature) {
        if (key == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(
                    switch (alg) {
                        case "RS256" -> "SHA256withRSA";
                        case "ES256" -> "SHA256withECDSAinP1363Format";
                        default -> "Ed25519";
                    });
            s.initVerify(key);
            s.update(input);
            return s.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean hmacWithPublicKey(KeyCache cache, byte[] input, byte[] signature) throws Reject {
        for (Jwk k : cache.keys(false)) {
            if (k.kty().equals("RSA")) {
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(k.key().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
                    if (MessageDigest.isEqual(mac.doFinal(input), signature)) {
                        return true;
                    }
                } catch (Exception e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String decode(String part) {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void send(MiniHttpServer.Exchange ex, int status, Map<String, ?> body) throws IOException {
        ex.send(status, body);
    }
}
