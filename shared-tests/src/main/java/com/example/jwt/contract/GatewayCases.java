package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.launcher;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.expectStartupError;
import static com.example.jwt.contract.Steps.now;
import static com.example.jwt.contract.Steps.rejects;

import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Gateway setups: GW-1 to GW-3 of CONTRACT.md. */
final class GatewayCases {
    private GatewayCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("gateway");
        cases.add(
                "GW-1.1",
                "with several issuers, each issuer's tokens verify with that issuer's own keys",
                launcher(),
                t -> withIssuers(t, (app, a, b, other) -> {
                    for (MockIssuer issuer : List.of(a, b)) {
                        for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                            accepts(app, issuer.token(alg));
                        }
                    }
                    if (a.jwksFetches() > 1 || b.jwksFetches() > 1) {
                        Expect.record(
                                "GW-1",
                                Consequence.FAILS_UNDER_FAULTS,
                                "each issuer's JWKS must be fetched once from its own URL; fetched " + a.jwksFetches()
                                        + " and " + b.jwksFetches() + " times");
                    }
                }));
        cases.add(
                "GW-1.2",
                "one issuer's key never verifies another issuer's token",
                launcher(),
                t -> withIssuers(t, (app, a, b, other) -> {
                    accepts(app, a.token("RS256"));
                    accepts(app, b.token("RS256"));
                    // iss says A, but B signed it (same kid names, other key material)
                    rejects(app, a.token("RS256").signedBy(b.rsa1));
                    rejects(app, a.token("EdDSA").signedBy(b.ed1));
                    rejects(app, b.tokenSignedBy(a.ec1, "ES256"));
                }));
        cases.add(
                "GW-1.3",
                "a token from an unlisted issuer is rejected without any JWKS fetch",
                launcher(),
                t -> withIssuers(t, (app, a, b, other) -> {
                    rejects(app, other.token("RS256"));
                    rejects(app, other.token("RS256").header("kid", "unknown-" + UUID.randomUUID()));
                    if (other.jwksFetches() != 0) {
                        Expect.record(
                                "GW-1",
                                Consequence.LETS_THROUGH,
                                "a token from an unlisted issuer made the app fetch keys from that issuer's URL ("
                                        + other.jwksFetches() + " time(s))");
                    }
                    int fetches = a.jwksFetches() + b.jwksFetches();
                    if (fetches != 0) {
                        Expect.record(
                                "GW-1",
                                Consequence.FAILS_UNDER_FAULTS,
                                "a token from an unlisted issuer caused " + fetches + " JWKS fetch(es)");
                    }
                    rejects(app, a.token("RS256").claim("iss", other.issuer()));
                }));
        cases.add(
                "GW-1.4",
                "JWT_JWKS_URI with several issuers stops the app at startup, naming the variable",
                launcher(),
                t -> {
                    try (MockIssuer other = MockIssuer.start()) {
                        Map<String, String> env = new LinkedHashMap<>(t.env);
                        env.put("JWT_ISSUER", t.issuer.issuer() + "," + other.issuer());
                        env.put("JWT_JWKS_URI", t.issuer.jwksUri().toString());
                        expectStartupError(t, env, "JWT_JWKS_URI", "GW-1");
                    }
                });
        cases.add(
                "GW-2.1",
                "with JWT_HEADER set, the token comes from that header, with or without a Bearer prefix",
                fresh("JWT_HEADER", "X-Service-Token"),
                t -> {
                    Token plain = t.issuer.token("EdDSA");
                    Expect.accepted(t.protectedWith("X-Service-Token", plain.compact()), plain);
                    Token prefixed = t.issuer.token("RS256");
                    Expect.accepted(t.protectedWith("X-Service-Token", "Bearer " + prefixed.compact()), prefixed);
                    Token lower = t.issuer.token("ES256");
                    Expect.accepted(t.protectedWith("x-service-token", "bearer " + lower.compact()), lower);
                });
        cases.add(
                "GW-2.2",
                "with JWT_HEADER set, a missing header is no credentials, and a bad token is invalid",
                fresh("JWT_HEADER", "X-Service-Token"),
                t -> {
                    Expect.noCredentials(t.protectedWith());
                    Token elsewhere = t.issuer.token("RS256");
                    String c = elsewhere.compact();
                    Expect.noCredentials(
                            t.protectedWith("Authorization", "Bearer " + c), Expect.secretsOf(elsewhere, c));
                    Token expired = t.issuer.token("RS256").expiringAt(now() - 600);
                    String ce = expired.compact();
                    Expect.invalidToken(t.protectedWith("X-Service-Token", ce), Expect.secretsOf(expired, ce));
                    Expect.invalidToken(t.protectedWith("X-Service-Token", "garbage"));
                });
        cases.add(
                "GW-3.1",
                "with JWT_REQUIRED_SCOPE set, a scope string or scp array containing it is accepted",
                fresh("JWT_REQUIRED_SCOPE", "orders:read"),
                t -> {
                    accepts(t, t.issuer.token("RS256").claim("scope", "orders:read"));
                    accepts(t, t.issuer.token("RS256").claim("scope", "profile orders:read email"));
                    accepts(t, t.issuer.token("ES256").claim("scp", List.of("profile", "orders:read")));
                });
        cases.add(
                "GW-3.2",
                "a valid token without the required scope gets 403 insufficient_scope, an invalid one 401",
                fresh("JWT_REQUIRED_SCOPE", "orders:read"),
                t -> {
                    for (Token tok : List.of(
                            t.issuer.token("RS256"),
                            t.issuer.token("RS256").claim("scope", "orders:write profile"),
                            t.issuer.token("RS256").claim("scope", "orders:read:all"),
                            t.issuer.token("RS256").claim("scope", "ORDERS:READ"),
                            t.issuer.token("EdDSA").claim("scp", List.of("orders:write")),
                            t.issuer.token("EdDSA").claim("scope", List.of("orders", "read")))) {
                        String c = tok.compact();
                        Expect.insufficientScope(t.bearer(c), "orders:read", Expect.secretsOf(tok, c));
                    }
                    rejects(
                            t,
                            t.issuer
                                    .token("RS256")
                                    .claim("scope", "orders:read")
                                    .expiringAt(now() - 600));
                });
        return cases.list();
    }

    /** A body that gets an app trusting issuers a and b (each with keys of its own), and a third, unlisted one. */
    @FunctionalInterface
    private interface TwoIssuers {
        void run(Target app, MockIssuer a, MockIssuer b, MockIssuer unlisted) throws Exception;
    }

    private static void withIssuers(Target t, TwoIssuers body) throws Exception {
        try (MockIssuer a = MockIssuer.startWithOwnKeys();
                MockIssuer b = MockIssuer.startWithOwnKeys();
                MockIssuer unlisted = MockIssuer.startWithOwnKeys()) {
            Map<String, String> env = new LinkedHashMap<>(t.env);
            env.put("JWT_ISSUER", a.issuer() + "," + b.issuer());
            try (RunningApp app = t.launch(env)) {
                body.run(t.with(app, a, env), a, b, unlisted);
            }
        }
    }
}
