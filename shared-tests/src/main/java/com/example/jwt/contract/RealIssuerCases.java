package com.example.jwt.contract;

import com.example.jwt.issuer.Issuer;
import com.example.jwt.issuer.Issuer.Kind;
import com.example.jwt.issuer.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cases a real identity provider takes part in: its tokens of each algorithm, tokens it signs that the app must
 * refuse, a key rotation done at the issuer, and its key set going down and coming back. The Keycloak check runs them
 * against Keycloak (tools' {@code RealIssuerCheck}); {@code RealIssuerCasesTest} runs them against the mock issuer.
 *
 * <p>They run in stages, in order, against every app at once: each stage first changes the issuer, then every app
 * must pass its cases. A case's ID names its requirement and what it checks ({@code CLM-4/other-audience}); its
 * failures are judged by {@link Expect}, as the contract's are, and name requirements and consequences.
 */
public final class RealIssuerCases {
    private RealIssuerCases() {}

    /** What a stage does to the issuer before its cases run. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** A step of the check: what it does at the issuer first ({@code before}), then the cases every app must pass. */
    public record Stage(String what, Action before, List<Case> cases) {}

    /** The tokens the stages share: minted once at the issuer, kept in memory only. */
    private static final class Tokens {
        volatile String rs;
        volatile String es;
        volatile String ed;
        volatile String at;
        volatile String other;
        volatile String hs;
        volatile String withoutScope;
        volatile String tampered;
        volatile String rsRotated;
        volatile String esUnseen;
    }

    /** The stages, for this issuer; its variables give the JWKS timings the stages wait on. */
    public static List<Stage> stages(Issuer issuer) {
        Map<String, String> v = issuer.variables();
        Duration cache = Duration.ofSeconds(Long.parseLong(v.get("JWT_JWKS_CACHE_SECONDS")));
        Duration refreshMin = Duration.ofSeconds(Long.parseLong(v.get("JWT_JWKS_REFRESH_MIN_SECONDS")));
        long maxMillis = Long.parseLong(v.get("JWT_JWKS_TIMEOUT_MS")) + 1000;
        String scope = v.get("JWT_REQUIRED_SCOPE");
        Tokens t = new Tokens();
        return List.of(
                new Stage(
                        "tokens from the issuer",
                        () -> mint(issuer, t, v),
                        List.of(
                                accepted("ALG-1/rs256", "an RS256 token is accepted", () -> t.rs),
                                accepted("ALG-1/es256", "an ES256 token is accepted", () -> t.es),
                                accepted("ALG-1/eddsa", "an EdDSA token is accepted", () -> t.ed),
                                accepted("TOK-3/at+jwt", "a token typed at+jwt is accepted", () -> t.at),
                                invalid(
                                        "ALG-3/tampered",
                                        "a token whose payload was changed is refused",
                                        () -> t.tampered),
                                invalid(
                                        "CLM-4/other-audience",
                                        "a token for another audience is refused",
                                        () -> t.other),
                                invalid("ALG-2/hs512", "an HS512 token is refused", () -> t.hs),
                                new Case(
                                        "GW-3/scope-missing",
                                        "real issuer",
                                        "a token without the required scope gets 403 insufficient_scope",
                                        Case.Setup.shared(),
                                        target -> Expect.insufficientScope(
                                                target.bearer(t.withoutScope), scope, t.withoutScope)),
                                accepted(
                                        "GW-3/scope-present",
                                        "a token with the required scope is accepted",
                                        () -> t.rs))),
                new Stage(
                        "a new RSA key at the issuer, signing from now on",
                        () -> {
                            issuer.rotate("RS256");
                            t.rsRotated = issuer.token(Kind.RS256);
                            requireNewKid(t.rsRotated, t.rs, "RS256");
                            sleep(refreshMin.plusSeconds(1)); // the cases above may have used JWKS-2's one refetch
                        },
                        List.of(accepted(
                                "JWKS-2/rotation-new-key", "a token of the new key is accepted", () -> t.rsRotated))),
                new Stage(
                        "the old RSA key removed at the issuer",
                        () -> {
                            issuer.removeKey(kid(t.rs));
                            sleep(cache.plusSeconds(2));
                        },
                        List.of(
                                invalid(
                                        "JWKS-1/rotation-removed-key",
                                        "a token of the removed key is refused",
                                        () -> t.rs),
                                accepted(
                                        "JWKS-1/rotation-new-key-after-removal",
                                        "a token of the new key is still accepted",
                                        () -> t.rsRotated))),
                new Stage(
                        "the issuer's key set down, a new EC key not yet fetched",
                        () -> {
                            issuer.rotate("ES256");
                            t.esUnseen = issuer.token(Kind.ES256);
                            requireNewKid(t.esUnseen, t.es, "ES256");
                            issuer.keySetDown(true);
                            sleep(cache.plusSeconds(
                                    2)); // the cache is stale: the next token tries a refresh, which fails
                        },
                        List.of(accepted(
                                "JWKS-5/outage-cached-key", "a token of a cached key is accepted", () -> t.rsRotated))),
                new Stage(
                        "still down, after the refresh interval",
                        () -> sleep(refreshMin.plusSeconds(1)),
                        List.of(new Case(
                                "JWKS-4/outage-unseen-key-503",
                                "real issuer",
                                "a token of a key never fetched gets 503 with Retry-After",
                                Case.Setup.shared(),
                                target -> Expect.unavailable(target.bearer(t.esUnseen), maxMillis, t.esUnseen)))),
                new Stage(
                        "the key set back",
                        () -> issuer.keySetDown(false),
                        List.of(new Case(
                                "JWKS-4/outage-recovered",
                                "real issuer",
                                "once the key set is back, the new key is accepted without a restart",
                                Case.Setup.shared(),
                                target -> awaitAccepted(target, t.esUnseen, Duration.ofSeconds(30))))));
    }

    private static Case accepted(String id, String title, Supplier<String> token) {
        return new Case(id, "real issuer", title, Case.Setup.shared(), target -> {
            String compact = token.get();
            Expect.accepted(target.bearer(compact), compact);
        });
    }

    private static Case invalid(String id, String title, Supplier<String> token) {
        return new Case(id, "real issuer", title, Case.Setup.shared(), target -> {
            String compact = token.get();
            Expect.invalidToken(target.bearer(compact), compact);
        });
    }

    private static void awaitAccepted(Target target, String compact, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Answer last = target.bearer(compact);
        while (last.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = target.bearer(compact);
        }
        if (last.status() != 200) {
            throw Expect.fail(
                    "JWKS-4",
                    Consequence.FAILS_UNDER_FAULTS,
                    "after the outage, a token of the new key must be accepted within " + within.toSeconds()
                            + " s, without a restart; last answer " + last.describe());
        }
        Expect.accepted(last, compact);
    }

    /** Mints every kind of token and checks that the issuer gave what the cases need, or they would prove nothing. */
    private static void mint(Issuer issuer, Tokens t, Map<String, String> v) throws Exception {
        t.rs = issuer.token(Kind.RS256);
        t.es = issuer.token(Kind.ES256);
        t.ed = issuer.token(Kind.EDDSA);
        t.at = issuer.token(Kind.AT_JWT);
        t.other = issuer.token(Kind.OTHER_AUDIENCE);
        t.hs = issuer.token(Kind.HS512);
        t.withoutScope = issuer.token(Kind.WITHOUT_SCOPE);
        require("RS256".equals(header(t.rs).get("alg")), "no RS256 token");
        require("ES256".equals(header(t.es).get("alg")), "no ES256 token");
        require("EdDSA".equals(header(t.ed).get("alg")), "no EdDSA token");
        require("at+jwt".equals(header(t.at).get("typ")), "no at+jwt token");
        require("HS512".equals(header(t.hs).get("alg")), "no HS512 token");
        Object aud = claims(t.other).get("aud");
        String audience = v.get("JWT_AUDIENCE");
        require(
                !(audience.equals(aud) || aud instanceof List<?> list && list.contains(audience)),
                "the other-audience token carries " + audience);
        Object scopes = claims(t.withoutScope).get("scope");
        require(
                !(scopes instanceof String s && List.of(s.split(" ")).contains(v.get("JWT_REQUIRED_SCOPE"))),
                "the token without the scope carries it");
        // Tampered: the RS256 token with another sub in its payload and its original signature.
        String[] parts = t.rs.split("\\.");
        Map<String, Object> claims = claims(t.rs);
        claims.put("sub", "someone-else");
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        t.tampered = parts[0] + "." + payload + "." + parts[2];
    }

    private static void requireNewKid(String token, String before, String alg) {
        require(!kid(token).equals(kid(before)), "the issuer did not sign " + alg + " tokens with the new key");
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("the issuer's setup is not what the cases need: " + problem);
        }
    }

    private static String kid(String token) {
        return String.valueOf(header(token).get("kid"));
    }

    private static Map<String, Object> header(String token) {
        return segment(token, 0);
    }

    private static Map<String, Object> claims(String token) {
        return segment(token, 1);
    }

    private static Map<String, Object> segment(String token, int i) {
        String[] parts = token.split("\\.");
        Map<String, Object> json = parts.length > i
                ? Json.objectOrNull(new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8))
                : null;
        if (json == null) {
            throw new IllegalStateException("the issuer gave a token that is not a JWS");
        }
        return new java.util.LinkedHashMap<>(json);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
