package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.asMap;
import static com.example.jwt.contract.Steps.bodyless;
import static com.example.jwt.contract.Steps.concat;
import static com.example.jwt.contract.Steps.now;
import static com.example.jwt.contract.Steps.refusals;
import static com.example.jwt.contract.Steps.secrets;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Answers: ANS-1 to ANS-8 of CONTRACT.md (ANS-2, -3, -5 to -7 are checked on every answer by {@link Expect}). */
final class AnswerCases {
    private AnswerCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("answers");
        cases.add("ANS-1.1", "/health answers 200 {\"status\":\"UP\"} without a token", shared(), t -> {
            Answer a = t.health();
            if (a.status() != 200) {
                Expect.record(
                        "ANS-1",
                        Consequence.REFUSES_VALID,
                        "GET /health must answer 200 without a token; got " + a.describe());
                return;
            }
            Map<String, Object> body = Expect.jsonBody(a, "ANS-1");
            if (body != null && !"UP".equals(body.get("status"))) {
                Expect.form("ANS-1", "GET /health must answer {\"status\":\"UP\"}; got " + a.describe());
            }
        });
        cases.add("ANS-1.2", "the 200 body carries the token's claims, and no cookie", shared(), t -> {
            Token tok = t.issuer.token("RS256").claim("scope", "read write").claim("tenant", "t-42");
            Answer a = t.bearer(tok.compact());
            Expect.accepted(a, tok);
            Map<String, Object> body = a.status() == 200 ? Json.objectOrNull(a.body()) : null;
            Map<String, Object> claims = asMap(body == null ? null : body.get("claims"));
            if (a.status() == 200
                    && (!"read write".equals(claims.get("scope")) || !"t-42".equals(claims.get("tenant")))) {
                Expect.form("ANS-1", "body.claims must hold every claim of the token");
            }
        });
        cases.add("ANS-2.1", "no credentials get 401 with a bare Bearer challenge and a JSON body", shared(), t -> {
            Expect.noCredentials(t.protectedWith());
            Expect.noCredentials(t.raw("GET", "/protected", "Authorization: Basic dXNlcjpwYXNzd29yZA=="));
        });
        cases.add(
                "ANS-3.1",
                "an invalid token gets 401 with error=\"invalid_token\" in the challenge and the JSON body",
                shared(),
                t -> {
                    Token expired = t.issuer.token("RS256").expiringAt(now() - 600);
                    Expect.invalidToken(t.bearer(expired.compact()), expired, expired.compact());
                    Token forged = t.issuer.token("RS256").signedBy(t.issuer.attacker);
                    Expect.invalidToken(t.bearer(forged.compact()), forged, forged.compact());
                });
        cases.add("ANS-5.1", "hostile requests never get a 5xx or a stack trace", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            for (String value : List.of(
                    "Bearer " + c.replace('.', '\u00e9'),
                    "Bearer " + c + "." + c,
                    "Bearer " + "A".repeat(6000),
                    "Bearer .....",
                    "Bearer " + Token.encode("{\"alg\":null}") + "." + Token.encode("null") + ".AA",
                    "Bearer " + Token.encode("{\"alg\":[\"RS256\"]}") + "." + tok.encodedPayload() + ".AA")) {
                Answer a = t.raw("GET", "/protected", "Authorization: " + value);
                Expect.refused(a, "ANS-5", "a hostile Authorization value", Set.of(400, 401), Expect.secretsOf(tok, c));
            }
        });
        cases.add("ANS-6.1", "no answer sets a cookie: valid, invalid, missing token, /health", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (Answer a : List.of(
                    t.bearer(tok.compact()), t.bearer("garbage"), t.protectedWith(), t.health(), t.raw("GET", "/x"))) {
                if (!a.all("set-cookie").isEmpty()) {
                    Expect.form("ANS-6", "the API is stateless: no Set-Cookie (HTTP " + a.status() + ")");
                }
            }
        });
        cases.add("ANS-7.1", "every error answer is application/json with a string error member", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (Answer a : List.of(
                    t.protectedWith(),
                    t.bearer("garbage"),
                    t.protectedWith("Authorization", "Bearer"),
                    t.raw("GET", "/no-such-path"),
                    t.raw("DELETE", "/protected", "Authorization: Bearer " + tok.compact()))) {
                Expect.refused(a, "ANS-7", "GET or DELETE answered " + a.status(), Set.of(400, 401, 404, 405));
            }
        });
        cases.add("ANS-4.1", "error descriptions stay generic: no token, claim, kid or library text", shared(), t -> {
            Token tok = t.issuer
                    .token("RS256")
                    .claim("sub", "victim-" + UUID.randomUUID())
                    .header("kid", "secret-kid-" + UUID.randomUUID());
            String c = tok.compact();
            List<String> secrets = new ArrayList<>(List.of(Expect.secretsOf(tok, c)));
            secrets.add(String.valueOf(tok.claimValue("sub")));
            Expect.invalidToken(t.bearer(c), secrets.toArray(String[]::new));
            Token expired = t.issuer.token("RS256").expiringAt(now() - 3600);
            String ce = expired.compact();
            Answer a = t.bearer(ce);
            Expect.invalidToken(a, expired, ce);
            if (a.everything().contains(String.valueOf(expired.claimValue("exp")))) {
                Expect.form("ANS-4", "the answer echoes the token's exp");
            }
        });
        cases.add("ANS-8.1", "an unknown path answers 404 (or 401) in JSON, with or without a token", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            for (String path : List.of(
                    "/no-such-path",
                    "/health/x",
                    "/protected-x",
                    "/protected/x",
                    "/favicon.ico",
                    "/.well-known/jwks.json",
                    "/error")) {
                Expect.refused(t.raw("GET", path), "ANS-8", "GET " + path, Set.of(401, 404));
                Expect.refused(
                        t.raw("GET", path, "Authorization: Bearer " + c),
                        "ANS-8",
                        "GET " + path + " with a valid token",
                        Set.of(404),
                        Expect.secretsOf(tok, c));
            }
        });
        cases.add("ANS-8.2", "a method the route does not serve answers 401, 404 or 405 in JSON", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "FROBNICATE")) {
                Expect.refused(
                        t.raw(method, "/health", bodyless(method)), "ANS-8", method + " /health", refusals(method));
                Set<Integer> withToken = new java.util.HashSet<>(refusals(method));
                withToken.remove(401);
                Expect.refused(
                        t.raw(method, "/protected", concat(bodyless(method), "Authorization: Bearer " + c)),
                        "ANS-8",
                        method + " /protected with a valid token",
                        withToken,
                        Expect.secretsOf(tok, c));
            }
        });
        cases.add("ANS-8.3", "a malformed request target answers 400 (or 401, 404) in JSON", shared(), t -> {
            for (String target : List.of(
                    "/%zz",
                    "/protected%",
                    "/%E0%A4%A",
                    "/pro<tected>",
                    "/pro\"tected",
                    "/pro{tected}",
                    "/pro%ZZtected",
                    "protected",
                    "/protected?a=%zz")) {
                Expect.refused(t.raw("GET", target), "ANS-8", "GET " + target, Set.of(400, 401, 404));
            }
        });
        cases.add("ANS-8.4", "oversized request headers or targets answer 4xx in JSON", shared(), t -> {
            String big = "a".repeat(64 * 1024);
            Set<Integer> tooLarge = Set.of(400, 401, 413, 414, 431);
            Expect.refused(t.raw("GET", "/protected", "X-Padding: " + big), "ANS-8", "a 64 KiB header", tooLarge);
            Expect.refused(
                    t.raw("GET", "/protected", "Authorization: Bearer " + big),
                    "ANS-8",
                    "a 64 KiB bearer token",
                    tooLarge);
            String[] many = new String[400];
            for (int i = 0; i < many.length; i++) {
                many[i] = "X-Header-" + i + ": " + "v".repeat(100);
            }
            Expect.refused(t.raw("GET", "/protected", many), "ANS-8", "400 header fields", tooLarge);
            Expect.refused(
                    t.raw("GET", "/protected?q=" + big),
                    "ANS-8",
                    "a 64 KiB request target",
                    Set.of(400, 401, 404, 413, 414, 431));
        });
        return cases.list();
    }
}
