package com.example.jwt.tools;

import com.example.jwt.issuer.Issuer;
import com.example.jwt.issuer.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keycloak as an {@link Issuer}, driven through its admin REST API: the realm of {@code scripts/keycloak/realm.json}
 * (one client per kind of token, each signing with its own algorithm), tokens by the client-credentials grant, key
 * providers added and removed for a rotation. The apps fetch the realm's keys through a pass-through proxy on
 * 127.0.0.1, which {@link #keySetDown} makes answer 503: an outage of the key set while Keycloak keeps minting.
 * Every call to Keycloak has a deadline for the whole call. Tokens go to the caller only; nothing here prints them.
 */
final class KeycloakIssuer implements Issuer, AutoCloseable {
    static final String REALM = "jwt-check";
    static final String AUDIENCE = "jwt-check-api";
    private static final Duration CALL = Duration.ofSeconds(60);

    private final URI keycloak;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer proxy;
    private final AtomicInteger rotations = new AtomicInteger();
    private volatile boolean down;

    /** Configures the realm (deleted and created again) and starts the key set's proxy on this port. */
    KeycloakIssuer(URI keycloak, String adminUser, String adminPassword, Path realmDir, int proxyPort)
            throws Exception {
        this.keycloak = keycloak;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        createRealm(realmDir);
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort), 50);
        proxy.createContext("/", this::forward);
        proxy.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jwks-proxy");
            t.setDaemon(true);
            return t;
        }));
        proxy.start();
    }

    String issuer() {
        return keycloak + "/realms/" + REALM;
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWT_ISSUER", issuer());
        env.put("JWT_JWKS_URI", jwksUri(proxy.getAddress().getPort()));
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.put("JWT_REQUIRED_SCOPE", SCOPE);
        env.put("JWT_JWKS_CACHE_SECONDS", "5");
        env.put("JWT_JWKS_REFRESH_MIN_SECONDS", "1");
        env.put("JWT_JWKS_TIMEOUT_MS", "1000");
        return env;
    }

    /** Where the apps fetch the realm's keys: the proxy on this port, in front of Keycloak's certs endpoint. */
    static String jwksUri(int proxyPort) {
        return "http://127.0.0.1:" + proxyPort + "/realms/" + REALM + "/protocol/openid-connect/certs";
    }

    @Override
    public String token(Kind kind) throws Exception {
        String client = switch (kind) {
            case RS256, WITHOUT_SCOPE -> "check-rs256";
            case ES256 -> "check-es256";
            case EDDSA -> "check-eddsa";
            case AT_JWT -> "check-at-jwt";
            case OTHER_AUDIENCE -> "check-other-audience";
            case HS512 -> "check-hs512";
        };
        String form = "grant_type=client_credentials&client_id=" + client + "&client_secret="
                + URLEncoder.encode(client + "-local-test-secret", StandardCharsets.UTF_8)
                + (kind == Kind.WITHOUT_SCOPE ? "" : "&scope=" + SCOPE);
        return accessToken(URI.create(issuer() + "/protocol/openid-connect/token"), form, "a " + kind + " token");
    }

    /** A new key provider with a higher priority than any before: Keycloak signs with it from now on. */
    @Override
    public void rotate(String alg) throws Exception {
        int n = rotations.incrementAndGet();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("priority", List.of(String.valueOf(200 + n)));
        config.put("active", List.of("true"));
        config.put("enabled", List.of("true"));
        String provider = switch (alg) {
            case "RS256" -> {
                config.put("keySize", List.of("2048"));
                yield "rsa-generated";
            }
            case "ES256" -> {
                config.put("ecdsaEllipticCurveKey", List.of("P-256"));
                yield "ecdsa-generated";
            }
            default -> throw new IllegalArgumentException(alg);
        };
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", alg.toLowerCase() + "-rotated-" + n);
        component.put("providerId", provider);
        component.put("providerType", "org.keycloak.keys.KeyProvider");
        component.put("parentId", REALM);
        component.put("config", config);
        admin("POST", "/realms/" + REALM + "/components", Json.write(component), 201);
    }

    /** Deletes the key provider that holds this kid. */
    @Override
    public void removeKey(String kid) throws Exception {
        Object keys = Json.parse(admin("GET", "/realms/" + REALM + "/keys", null, 200));
        if (keys instanceof Map<?, ?> m && m.get("keys") instanceof List<?> list) {
            for (Object key : list) {
                if (key instanceof Map<?, ?> k && kid.equals(k.get("kid"))) {
                    admin("DELETE", "/realms/" + REALM + "/components/" + k.get("providerId"), null, 204);
                    return;
                }
            }
        }
        throw new IllegalStateException("Keycloak's admin API: no key provider holds the kid to remove");
    }

    @Override
    public void keySetDown(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        proxy.stop(0);
    }

    private void createRealm(Path realmDir) throws Exception {
        String realm = "/realms/" + REALM;
        admin("DELETE", realm, null, 204, 404);
        admin("POST", "/realms", Files.readString(realmDir.resolve("realm.json")), 201);
        admin("POST", realm + "/client-scopes", Files.readString(realmDir.resolve("scope-api-read.json")), 201);
        String scopeId = null;
        if (Json.parse(admin("GET", realm + "/client-scopes", null, 200)) instanceof List<?> scopes) {
            for (Object s : scopes) {
                if (s instanceof Map<?, ?> scope && SCOPE.equals(scope.get("name"))) {
                    scopeId = String.valueOf(scope.get("id"));
                }
            }
        }
        if (scopeId == null) {
            throw new IllegalStateException("Keycloak's admin API: the scope " + SCOPE + " was not created");
        }
        Object realmJson = Json.parse(Files.readString(realmDir.resolve("realm.json")));
        if (realmJson instanceof Map<?, ?> r && r.get("clients") instanceof List<?> clients) {
            for (Object c : clients) {
                if (c instanceof Map<?, ?> client) {
                    admin(
                            "PUT",
                            realm + "/clients/" + client.get("id") + "/optional-client-scopes/" + scopeId,
                            null,
                            204);
                }
            }
        }
    }

    /** One admin call with a fresh admin token; returns the body; any other status than expected is an error. */
    private String admin(String method, String path, String json, int... expected) throws Exception {
        String token = accessToken(
                URI.create(keycloak + "/realms/master/protocol/openid-connect/token"),
                "grant_type=password&client_id=admin-cli&username="
                        + URLEncoder.encode(adminUser, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8),
                "an admin token (does the cached Keycloak have another admin password? delete its data/)");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak + "/admin" + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request.build());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        String body = response.body();
        throw new IllegalStateException("Keycloak's admin API: " + method + " " + path + " answered "
                + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
    }

    private String accessToken(URI endpoint, String form, String what) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        if (response.statusCode() == 200
                && Json.parse(response.body()) instanceof Map<?, ?> m
                && m.get("access_token") instanceof String token) {
            return token;
        }
        throw new IllegalStateException("Keycloak gave no " + what + " (HTTP " + response.statusCode() + ")");
    }

    /** A call with a deadline for the whole of it, the body included. */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(CALL.toSeconds(), TimeUnit.SECONDS);
    }

    /** The proxy: Keycloak's answer for the same path, or 503 while the key set is down. */
    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = http.sendAsync(
                                HttpRequest.newBuilder(keycloak.resolve(
                                                exchange.getRequestURI().getRawPath()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            for (String header : List.of("content-type", "cache-control")) {
                response.headers()
                        .firstValue(header)
                        .ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
