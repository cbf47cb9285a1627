package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.launcher;
import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Expect.fail;

import com.example.jwt.contract.Case.Body;
import com.example.jwt.contract.Case.Setup;
import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every case of the contract, in the order of CONTRACT.md. A case's ID is its requirement plus a number, assigned in
 * declaration order: add new cases at the end of their requirement.
 */
public final class ContractCases {
    private final List<Case> cases = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();

    private ContractCases() {}

    public static List<Case> all() {
        ContractCases c = new ContractCases();
        c.token();
        c.algorithms();
        c.keys();
        c.claims();
        c.bearer();
        c.requests();
        c.answers();
        c.jwks();
        c.configuration();
        c.concurrency();
        c.gateway();
        return List.copyOf(c.cases);
    }

    private void add(String group, String requirement, String title, Setup setup, Body body) {
        int n = numbers.merge(requirement, 1, Integer::sum);
        cases.add(new Case(requirement + "." + n, group, title, setup, body));
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void token() {
        String g = "token";
        add(g, "TOK-1", "a JWS with its signature stripped is rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.encodedHeader() + "." + tok.encodedPayload() + ".";
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        add(g, "TOK-1", "five parts (a JWE) are rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = Token.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + ".AAAA.AAAA."
                    + tok.encodedPayload() + ".AAAA";
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        add(g, "TOK-1", "a header that is not a JSON object is rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (String header : List.of("[\"alg\",\"RS256\"]", "\"RS256\"", "{\"alg\":\"RS256\"")) {
                String input = Token.encode(header) + "." + tok.encodedPayload();
                String c = input + "." + b64(tok.signature(input));
                Expect.invalidToken(t.bearer(c), tok, c);
            }
        });
        add(g, "TOK-1", "a payload that is not a JSON object is rejected, even when signed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (String payload : List.of("[1,2,3]", "\"sub\"", "{\"sub\":")) {
                String input = tok.encodedHeader() + "." + Token.encode(payload);
                String c = input + "." + b64(tok.signature(input));
                Expect.invalidToken(t.bearer(c), tok, c);
            }
        });
        add(g, "TOK-1", "segments with characters outside base64url are rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            int dot = c.indexOf('.');
            String broken = c.substring(0, dot) + ".*" + c.substring(dot + 2);
            Expect.malformed(t.bearer(broken), Expect.secretsOf(tok, c));
        });
        add(g, "TOK-2", "a crit header is rejected, even naming a registered parameter", shared(), t -> {
            for (Object crit : List.of(List.of("exp"), List.of("x-unknown-extension"))) {
                Token tok = t.issuer
                        .token("RS256")
                        .header("crit", crit)
                        .header("exp", 1)
                        .header("x-unknown-extension", 1);
                rejects(t, tok);
            }
        });
        add(g, "TOK-3", "typ JWT, at+jwt, application/at+jwt in any case, or no typ, is accepted", shared(), t -> {
            for (String typ : List.of("JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt", "application/jwt")) {
                accepts(t, t.issuer.token("ES256").header("typ", typ));
            }
            accepts(t, t.issuer.token("ES256").withoutHeader("typ"));
        });
        add(g, "TOK-3", "any other typ is rejected", shared(), t -> {
            for (String typ : List.of("dpop+jwt", "JOSE", "secevent+jwt", "logout+jwt", "")) {
                rejects(t, t.issuer.token("ES256").header("typ", typ));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void algorithms() {
        String g = "algorithms";
        add(g, "ALG-1", "valid RS256, ES256 and EdDSA tokens are accepted", shared(), t -> {
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                accepts(t, t.issuer.token(alg));
            }
        });
        add(g, "ALG-1", "alg none in any casing, with or without a signature, is rejected", shared(), t -> {
            for (String none : List.of("none", "None", "NONE", "nOnE")) {
                Token tok = t.issuer.token("RS256").header("alg", none);
                String input = tok.encodedHeader() + "." + tok.encodedPayload();
                Token signed = t.issuer.token("RS256");
                for (String c : List.of(input + ".", input + "." + b64(signed.signature(input)))) {
                    Expect.invalidToken(t.bearer(c), tok, c);
                }
            }
        });
        add(
                g,
                "ALG-1",
                "a real signature under an algorithm outside JWT_ALGORITHMS (RS384, PS256) is rejected",
                shared(),
                t -> {
                    for (String alg : List.of("RS384", "PS256")) {
                        rejects(t, t.issuer.token("RS256").header("alg", alg).signedAs(alg));
                    }
                });
        add(
                g,
                "ALG-1",
                "JWT_ALGORITHMS=RS256 rejects valid ES256 and EdDSA tokens",
                fresh("JWT_ALGORITHMS", "RS256"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    rejects(t, t.issuer.token("ES256"));
                    rejects(t, t.issuer.token("EdDSA"));
                });
        add(g, "ALG-2", "HS256 keyed with the RSA public key (PEM, DER, JWK forms) is rejected", shared(), t -> {
            SigningKey rsa = t.issuer.rsa1;
            List<byte[]> secrets = List.of(
                    rsa.publicPem().getBytes(StandardCharsets.US_ASCII),
                    rsa.publicPem().strip().getBytes(StandardCharsets.US_ASCII),
                    rsa.keyPair().getPublic().getEncoded(),
                    Json.write(rsa.jwk()).getBytes(StandardCharsets.UTF_8));
            for (byte[] secret : secrets) {
                rejects(t, t.issuer.token("RS256").header("alg", "HS256").hmacWith(secret));
            }
        });
        add(g, "ALG-2", "HS256 keyed with the EC and Ed25519 public keys is rejected", shared(), t -> {
            for (SigningKey key : List.of(t.issuer.ec1, t.issuer.ed1)) {
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(key, "HS256")
                                .hmacWith(Json.write(key.jwk()).getBytes(StandardCharsets.UTF_8)));
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(key, "HS256")
                                .hmacWith(key.keyPair().getPublic().getEncoded()));
            }
        });
        add(g, "ALG-3", "a tampered payload is rejected", shared(), t -> {
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                Token tok = t.issuer.token(alg);
                String c = tok.compact();
                String[] parts = c.split("\\.");
                Token forged = t.issuer.token(alg).claim("sub", "admin-" + tok.subject());
                String tampered = parts[0] + "." + forged.encodedPayload() + "." + parts[2];
                Expect.invalidToken(t.bearer(tampered), Expect.secretsOf(forged, tampered));
            }
        });
        add(g, "ALG-3", "a token signed by another key under a published kid is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").signedBy(SigningKey.rsa("rsa-1", 2048, null, null)));
            rejects(t, t.issuer.token("ES256").signedBy(SigningKey.ec("ec-1")));
            rejects(t, t.issuer.token("EdDSA").signedBy(SigningKey.ed25519("ed-1")));
        });
        add(g, "ALG-3", "the all-zero ECDSA signature (CVE-2022-21449) is rejected", shared(), t -> {
            Token tok = t.issuer.token("ES256");
            String input = tok.encodedHeader() + "." + tok.encodedPayload();
            for (int size : List.of(64, 72)) {
                String c = input + "." + b64(new byte[size]);
                Expect.invalidToken(t.bearer(c), tok, c);
            }
            byte[] derZero = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
            String c = input + "." + b64(derZero);
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        add(g, "ALG-3", "a signature of another token is rejected", shared(), t -> {
            Token a = t.issuer.token("EdDSA");
            Token b = t.issuer.token("EdDSA");
            String ca = a.compact();
            String cb = b.compact();
            String swapped = cb.substring(0, cb.lastIndexOf('.')) + ca.substring(ca.lastIndexOf('.'));
            Expect.invalidToken(t.bearer(swapped), Expect.secretsOf(b, swapped));
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void keys() {
        String g = "keys";
        add(
                g,
                "KEY-1",
                "a token signed by the second RSA key of the JWKS is accepted",
                shared(),
                t -> accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256")));
        add(g, "KEY-1", "without kid, a token is accepted when exactly one suitable key exists", shared(), t -> {
            accepts(t, t.issuer.token("ES256").withoutHeader("kid"));
            accepts(t, t.issuer.token("EdDSA").withoutHeader("kid"));
        });
        add(
                g,
                "KEY-1",
                "without kid, an RS256 token is rejected when two RSA keys could fit",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").withoutHeader("kid")));
        add(
                g,
                "KEY-1",
                "a kid that is not in the JWKS is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").header("kid", "no-such-kid-" + UUID.randomUUID())));
        add(
                g,
                "KEY-1",
                "without kid, an RSA-1024 key does not count as a second suitable key",
                fresh(issuer -> issuer.unpublish("rsa-2")),
                t -> {
                    accepts(t, t.issuer.token("RS256").withoutHeader("kid"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaWeak, "RS256").withoutHeader("kid"));
                });
        add(g, "KEY-2", "a header naming a key of the wrong type for its alg is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").header("kid", "ec-1"));
            rejects(t, t.issuer.token("RS256").header("kid", "ed-1"));
            rejects(t, t.issuer.token("ES256").header("kid", "rsa-1"));
            rejects(t, t.issuer.token("EdDSA").header("kid", "ec-1"));
        });
        add(
                g,
                "KEY-3",
                "a key published for encryption (use=enc) never verifies",
                shared(),
                t -> rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaEnc, "RS256")));
        add(
                g,
                "KEY-3",
                "an RSA key under 2048 bits never verifies",
                shared(),
                t -> rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaWeak, "RS256")));
        add(g, "KEY-4", "a key embedded in the header (jwk) is never used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").header("jwk", own.jwk()));
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").withoutHeader("kid").header("jwk", own.jwk()));
            rejects(
                    t,
                    t.issuer.tokenSignedBy(own, "RS256").header("kid", "rsa-1").header("jwk", own.jwk()));
        });
        add(g, "KEY-4", "jku and x5u are never fetched or used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            int before = t.issuer.attackerHits();
            for (String param : List.of("jku", "x5u")) {
                rejects(t, t.issuer.tokenSignedBy(own, "RS256").header(param, t.issuer.attackerUrl()));
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(own, "RS256")
                                .withoutHeader("kid")
                                .header(param, t.issuer.attackerUrl()));
            }
            int hits = t.issuer.attackerHits() - before;
            if (hits != 0) {
                throw fail("KEY-4", "the app called the URL of a jku/x5u header " + hits + " time(s)");
            }
        });
        add(g, "KEY-4", "an x5c certificate chain in the header is never used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            String fakeChain =
                    Base64.getEncoder().encodeToString(own.keyPair().getPublic().getEncoded());
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").withoutHeader("kid").header("x5c", List.of(fakeChain)));
        });
        add(g, "KEY-5", "a JWKS member of an unknown key type is ignored; the other keys verify", shared(), t -> {
            if (!t.issuer.jwksJson().contains("\"XYZ\"")) {
                throw new IllegalStateException("the mock issuer must publish a member of unknown kty");
            }
            accepts(t, t.issuer.token("RS256"));
            rejects(t, t.issuer.token("RS256").header("kid", "unknown-type"));
        });
        add(
                g,
                "KEY-6",
                "hostile kid values (path traversal, SQL, very long, odd types) are rejected cleanly",
                shared(),
                t -> {
                    SigningKey own = t.issuer.attacker;
                    List<Object> kids = List.of(
                            "../../../../../../etc/passwd",
                            "/dev/null",
                            "x' OR '1'='1' --",
                            "rsa-1' OR 'a'='a",
                            "rsa-1\u0000",
                            "k".repeat(1500),
                            42,
                            List.of("rsa-1"),
                            Map.of("kid", "rsa-1"));
                    for (Object kid : kids) {
                        Token tok = t.issuer.tokenSignedBy(own, "RS256").header("kid", kid);
                        String c = tok.compact();
                        String[] secrets = Expect.secretsOf(tok, c);
                        List<String> all = new ArrayList<>(List.of(secrets));
                        if (kid instanceof String s && s.length() > 3 && !s.startsWith("rsa-1")) {
                            all.add(s.replace("\u0000", ""));
                        }
                        Expect.invalidToken(t.bearer(c), all.toArray(String[]::new));
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void claims() {
        String g = "claims";
        add(g, "CLM-1", "a wrong, missing or differently written iss is rejected", shared(), t -> {
            String iss = t.issuer.issuer();
            for (String wrong : List.of(
                    "https://evil.example",
                    iss + "/",
                    iss.toUpperCase(),
                    iss.replace("http:", "https:"),
                    iss + "x",
                    " " + iss)) {
                rejects(t, t.issuer.token("RS256").claim("iss", wrong));
            }
            rejects(t, t.issuer.token("RS256").withoutClaim("iss"));
            rejects(t, t.issuer.token("RS256").claim("iss", List.of(iss)));
        });
        add(
                g,
                "CLM-2",
                "a token without exp is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("ES256").withoutClaim("exp")));
        add(g, "CLM-2", "a token expired beyond the clock skew is rejected", shared(), t -> {
            rejects(t, t.issuer.token("ES256").expiringAt(now() - 120));
            rejects(t, t.issuer.token("ES256").expiringAt(now() - 86_400 * 365));
        });
        add(
                g,
                "CLM-2",
                "a token expired within the clock skew (60 s) is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("ES256").expiringAt(now() - 30)));
        add(g, "CLM-2", "an exp that is not a number is rejected", shared(), t -> {
            rejects(t, t.issuer.token("ES256").claim("exp", String.valueOf(now() + 300)));
            rejects(t, t.issuer.token("ES256").claim("exp", List.of(now() + 300)));
        });
        add(
                g,
                "CLM-2",
                "JWT_CLOCK_SKEW_SECONDS=0 rejects a token expired 5 s ago",
                fresh("JWT_CLOCK_SKEW_SECONDS", "0"),
                t -> {
                    accepts(t, t.issuer.token("ES256").expiringAt(now() + 30));
                    rejects(t, t.issuer.token("ES256").expiringAt(now() - 5));
                });
        add(
                g,
                "CLM-3",
                "nbf beyond the clock skew in the future is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("EdDSA").claim("nbf", now() + 120)));
        add(
                g,
                "CLM-3",
                "nbf within the clock skew in the future is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("EdDSA").claim("nbf", now() + 30)));
        add(
                g,
                "CLM-4",
                "an aud array containing the audience is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("RS256").claim("aud", List.of("other-api", MockIssuer.AUDIENCE))));
        add(g, "CLM-4", "a wrong or missing aud is rejected when JWT_AUDIENCE is set", shared(), t -> {
            rejects(t, t.issuer.token("RS256").claim("aud", "other-api"));
            rejects(t, t.issuer.token("RS256").claim("aud", List.of("other-api", "another-api")));
            rejects(t, t.issuer.token("RS256").claim("aud", MockIssuer.AUDIENCE.toUpperCase()));
            rejects(t, t.issuer.token("RS256").withoutClaim("aud"));
        });
        add(g, "CLM-4", "with JWT_AUDIENCE unset, any aud and no aud are accepted", fresh("JWT_AUDIENCE", null), t -> {
            accepts(t, t.issuer.token("RS256").claim("aud", "some-other-api"));
            accepts(t, t.issuer.token("RS256").withoutClaim("aud"));
            rejects(t, t.issuer.token("RS256").claim("iss", "https://evil.example"));
        });
        add(
                g,
                "CLM-5",
                "an exp that overflows or lies past the year 9999 is rejected, even validly signed",
                shared(),
                t -> {
                    for (Object exp : List.of(
                            Json.number("1e400"),
                            Json.number("1E+309"),
                            Json.number("-1e400"),
                            YEAR_10000,
                            Json.number("253402300800.5"),
                            Json.number("9223372036854775808"),
                            Json.number("1e19"),
                            Json.number("9.3e18"))) {
                        rejectsDate(t, t.issuer.token("ES256").claim("exp", exp), "exp " + exp);
                    }
                });
        add(g, "CLM-5", "an nbf or iat that overflows or lies outside the years 0001-9999 is rejected", shared(), t -> {
            for (Object date : List.of(
                    Json.number("-1e400"),
                    Json.number("1e400"),
                    BEFORE_YEAR_1,
                    YEAR_10000,
                    Json.number("-9223372036854775809"),
                    Json.number("-1e19"),
                    Json.number("-62135596800.5"))) {
                rejectsDate(t, t.issuer.token("EdDSA").claim("nbf", date), "nbf " + date);
                rejectsDate(t, t.issuer.token("EdDSA").claim("iat", date), "iat " + date);
            }
        });
        add(g, "CLM-5", "an iat or nbf that is not a number is rejected", shared(), t -> {
            for (Object notANumber : List.of(String.valueOf(now()), List.of(now()), Map.of("seconds", now()), true)) {
                rejectsDate(t, t.issuer.token("RS256").claim("iat", notANumber), "iat " + Json.write(notANumber));
                rejectsDate(t, t.issuer.token("RS256").claim("nbf", notANumber), "nbf " + Json.write(notANumber));
            }
        });
        add(g, "CLM-5", "dates with fractions or exponents, within range, are accepted", shared(), t -> {
            accepts(
                    t,
                    t.issuer
                            .token("RS256")
                            .claim("exp", Json.number((now() + 300) + ".5"))
                            .claim("nbf", Json.number((now() - 10) + ".25"))
                            .claim("iat", Json.number((now() - 1) + ".75")));
            String exp = new java.math.BigDecimal(now() + 600).movePointLeft(9).toPlainString() + "e9";
            accepts(t, t.issuer.token("EdDSA").claim("exp", Json.number(exp)).claim("iat", Json.number("0.0")));
        });
    }

    /** 10000-01-01T00:00:00Z, the first second no RFC 3339 date can hold. */
    private static final long YEAR_10000 = 253_402_300_800L;
    /** One second before 0001-01-01T00:00:00Z. */
    private static final long BEFORE_YEAR_1 = -62_135_596_801L;

    // ---------------------------------------------------------------------------------------------------------------
    private void bearer() {
        String g = "bearer";
        add(g, "BRR-1", "the scheme name is case-insensitive", shared(), t -> {
            for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
                Token tok = t.issuer.token("RS256");
                Expect.accepted(t.protectedWith("Authorization", scheme + " " + tok.compact()), tok);
            }
        });
        add(g, "BRR-1", "white space around the credentials is trimmed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            Expect.accepted(
                    t.http.raw(t.uri("/"), "/protected", "Authorization:   Bearer " + tok.compact() + "   "), tok);
        });
        add(g, "BRR-1", "no Authorization header, or another scheme, is a request without credentials", shared(), t -> {
            Expect.noCredentials(t.protectedWith());
            Expect.noCredentials(t.protectedWith("Authorization", "Basic dXNlcjpwYXNzd29yZA=="));
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            Expect.noCredentials(t.protectedWith("Authorization", "Token " + c), Expect.secretsOf(tok, c));
            Expect.noCredentials(t.protectedWith("Authorization", "Bearertoken"));
        });
        add(g, "BRR-2", "a token in the query string is never accepted", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            Answer a = t.http.get(t.uri("/protected?access_token=" + c));
            Expect.negative(a, Expect.secretsOf(tok, c));
            if (a.status() != 401 && a.status() != 400) {
                throw fail("BRR-2", "a query-string token must get 401 (or 400); got " + a.status());
            }
        });
        add(g, "BRR-3", "Bearer with an empty token is rejected as malformed", shared(), t -> {
            Expect.malformed(t.protectedWith("Authorization", "Bearer"));
            Expect.malformed(t.protectedWith("Authorization", "Bearer "));
        });
        add(g, "BRR-3", "credentials that are not token68 are rejected as malformed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            Expect.malformed(t.protectedWith("Authorization", "Bearer " + c + " " + c), Expect.secretsOf(tok, c));
            Expect.malformed(t.protectedWith("Authorization", "Bearer a,b;c"));
            Expect.malformed(t.protectedWith("Authorization", "Bearer \"" + c + "\""), Expect.secretsOf(tok, c));
        });
        add(g, "BRR-3", "garbage and two-part tokens are invalid tokens", shared(), t -> {
            for (String junk : List.of("garbage", "abc.def", "a.b.c", "...", "eyJhbGciOiJSUzI1NiJ9", "a.b.c.d")) {
                Expect.invalidToken(t.protectedWith("Authorization", "Bearer " + junk));
            }
            Expect.malformed(t.protectedWith("Authorization", "Bearer ====="));
        });
        add(
                g,
                "BRR-4",
                "Authorization more than once gets 400 invalid_request, whatever the copies hold",
                shared(),
                t -> {
                    Token a = t.issuer.token("RS256");
                    Token b = t.issuer.token("EdDSA");
                    Token expired = t.issuer.token("ES256").expiringAt(now() - 600);
                    String ca = a.compact();
                    String cb = b.compact();
                    List<List<String>> copies = List.of(
                            List.of("Bearer " + ca, "Bearer " + ca),
                            List.of("Bearer " + ca, "Bearer " + cb),
                            List.of("Bearer " + ca, "Bearer " + expired.compact()),
                            List.of("Bearer " + expired.compact(), "Bearer " + ca),
                            List.of("Bearer garbage", "Bearer " + ca),
                            List.of("Basic dXNlcjpwYXNzd29yZA==", "Bearer " + ca),
                            List.of("Bearer " + ca, "Bearer " + cb, "Bearer " + ca));
                    for (List<String> values : copies) {
                        String[] lines =
                                values.stream().map(v -> "Authorization: " + v).toArray(String[]::new);
                        Expect.ambiguous(t.raw("GET", "/protected", lines), secrets(a, ca, b, cb));
                    }
                    Expect.ambiguous(
                            t.raw("GET", "/protected", "Authorization: Bearer " + ca, "authorization: Bearer " + cb),
                            secrets(a, ca, b, cb));
                });
        add(
                g,
                "BRR-4",
                "with JWT_HEADER set, that header more than once gets 400 invalid_request",
                fresh("JWT_HEADER", "X-Service-Token"),
                t -> {
                    Token a = t.issuer.token("RS256");
                    Token b = t.issuer.token("ES256");
                    String ca = a.compact();
                    String cb = b.compact();
                    Expect.ambiguous(
                            t.raw("GET", "/protected", "X-Service-Token: " + ca, "X-Service-Token: " + ca),
                            secrets(a, ca, b, cb));
                    Expect.ambiguous(
                            t.raw("GET", "/protected", "X-Service-Token: Bearer " + ca, "x-service-token: " + cb),
                            secrets(a, ca, b, cb));
                    Expect.ambiguous(
                            t.raw("GET", "/protected", "X-Service-Token: garbage", "X-Service-Token: " + ca),
                            secrets(a, ca, b, cb));
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void requests() {
        String g = "requests";
        add(g, "REQ-1", "HEAD is GET without a body: the same check and the same status", shared(), t -> {
            expectHead(t.raw("HEAD", "/protected"), 401, null, "HEAD without a token");
            Token tok = t.issuer.token("RS256");
            Answer ok = t.raw("HEAD", "/protected", "Authorization: Bearer " + tok.compact());
            if (ok.status() != 200) {
                throw fail("REQ-1", "HEAD with a valid token must get 200, like GET; got " + ok.describe());
            }
            Expect.noCookie(ok);
            Token expired = t.issuer.token("RS256").expiringAt(now() - 600);
            String c = expired.compact();
            expectHead(
                    t.raw("HEAD", "/protected", "Authorization: Bearer " + c),
                    401,
                    "invalid_token",
                    "HEAD with an expired token",
                    Expect.secretsOf(expired, c));
            expectHead(
                    t.raw("HEAD", "/protected", "Authorization: Bearer garbage"),
                    401,
                    "invalid_token",
                    "HEAD with a token that is not a JWT");
        });
        add(g, "REQ-1", "no other method reaches the protected handler without a token", shared(), t -> {
            for (String method : OTHER_METHODS) {
                Expect.refused(
                        t.raw(method, "/protected", bodyless(method)),
                        "REQ-1",
                        method + " without a token",
                        refusals(method));
            }
        });
        add(g, "REQ-1", "no other method reaches the protected handler with an invalid token", shared(), t -> {
            Token expired = t.issuer.token("RS256").expiringAt(now() - 600);
            String c = expired.compact();
            Token none = t.issuer.token("RS256").header("alg", "none");
            String cn = none.encodedHeader() + "." + none.encodedPayload() + ".";
            for (String method : OTHER_METHODS) {
                for (String bad : List.of(c, cn)) {
                    String[] lines = concat(bodyless(method), "Authorization: Bearer " + bad);
                    Expect.refused(
                            t.raw(method, "/protected", lines),
                            "REQ-1",
                            method + " with an invalid token",
                            refusals(method),
                            secrets(expired, c, none, cn));
                }
            }
        });
        add(
                g,
                "REQ-2",
                "spellings a server may normalise (slashes, dot segments, ;params) reach the check or 404",
                shared(),
                t -> expectSameCheck(
                        t,
                        List.of(
                                "/protected/",
                                "//protected",
                                "/./protected",
                                "/x/../protected",
                                "/protected/.",
                                "/protected/x/..",
                                "/protected;a=b",
                                "/protected;",
                                "/;x/protected",
                                "/protected/;",
                                "/protected?",
                                "/protected?x=1")));
        add(
                g,
                "REQ-2",
                "percent-encoded and differently cased spellings reach the check or 404",
                shared(),
                t -> expectSameCheck(
                        t,
                        List.of(
                                "/%70rotected",
                                "/prot%65cted",
                                "/%2e/protected",
                                "/%2E%2E/protected",
                                "/protected%2F",
                                "/protected%3B",
                                "/protected%00",
                                "/PROTECTED",
                                "/Protected",
                                "/protected.json",
                                "/protected%20",
                                "/protected%09")));
    }

    private static final List<String> OTHER_METHODS =
            List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FROBNICATE");

    /** 401, 404 or 405; a made-up method may also be refused as a bad request by a parser that does not know it. */
    private static Set<Integer> refusals(String method) {
        return method.equals("FROBNICATE") ? Set.of(400, 401, 404, 405) : Set.of(401, 404, 405);
    }

    /** POST, PUT and PATCH carry an empty body, so that no server asks for a length. */
    private static String[] bodyless(String method) {
        return Set.of("POST", "PUT", "PATCH").contains(method) ? new String[] {"Content-Length: 0"} : new String[0];
    }

    private static String[] concat(String[] lines, String... more) {
        List<String> all = new ArrayList<>(List.of(lines));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] secrets(Object... tokensAndCompacts) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i + 1 < tokensAndCompacts.length; i += 2) {
            all.addAll(List.of(Expect.secretsOf((Token) tokensAndCompacts[i], (String) tokensAndCompacts[i + 1])));
        }
        return all.toArray(String[]::new);
    }

    /** A HEAD answer: this status, and for a 401 a Bearer challenge with this error (null: none), nothing echoed. */
    private static void expectHead(Answer a, int status, String error, String what, String... secrets) {
        if (a.status() != status) {
            throw fail("REQ-1", what + " must get " + status + ", like GET; got " + a.describe());
        }
        Expect.noCookie(a);
        for (String secret : secrets) {
            if (secret.length() >= 3 && a.everything().contains(secret)) {
                throw fail("ANS-4", what + ": the answer echoes part of the token");
            }
        }
        Map<String, String> bearer = Expect.challenges(a).get("bearer");
        if (bearer == null) {
            throw fail("REQ-1", what + " must carry a Bearer challenge, like GET; got " + a.describe());
        }
        if (!java.util.Objects.equals(error, bearer.get("error"))) {
            throw fail("REQ-1", what + ": the challenge's error must be " + error + ", like GET; got " + bearer);
        }
    }

    /**
     * Each spelling of /protected either reaches the same check (no token: 401; a valid token: 200 with its claims;
     * an invalid one: 401) or is refused before routing (404, or 400 for a target the server will not take).
     */
    private static void expectSameCheck(Target t, List<String> spellings) {
        for (String path : spellings) {
            Answer none = t.raw("GET", path);
            Expect.refused(none, "REQ-2", "GET " + path + " without a token", Set.of(400, 401, 404));
            Token expired = t.issuer.token("RS256").expiringAt(now() - 600);
            String c = expired.compact();
            Expect.refused(
                    t.raw("GET", path, "Authorization: Bearer " + c),
                    "REQ-2",
                    "GET " + path + " with an expired token",
                    Set.of(400, 401, 404),
                    Expect.secretsOf(expired, c));
            Token tok = t.issuer.token("ES256");
            Answer ok = t.raw("GET", path, "Authorization: Bearer " + tok.compact());
            if (ok.status() == 200) {
                Expect.accepted(ok, tok);
            } else {
                Expect.refused(
                        ok,
                        "REQ-2",
                        "GET " + path + " with a valid token",
                        Set.of(400, 404, 405),
                        Expect.secretsOf(tok, tok.compact()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void answers() {
        String g = "answers";
        add(g, "ANS-1", "/health answers 200 {\"status\":\"UP\"} without a token", shared(), t -> {
            Answer a = t.health();
            Map<String, Object> body = a.status() == 200 ? Expect.jsonBody(a, "ANS-1") : null;
            if (body == null || !"UP".equals(body.get("status"))) {
                throw fail("ANS-1", "GET /health must answer 200 {\"status\":\"UP\"}; got " + a.describe());
            }
        });
        add(g, "ANS-1", "the 200 body carries the token's claims, and no cookie", shared(), t -> {
            Token tok = t.issuer.token("EdDSA").claim("scope", "read write").claim("tenant", "t-42");
            Answer a = t.bearer(tok.compact());
            Expect.accepted(a, tok);
            Map<String, Object> claims = asMap(Expect.jsonBody(a, "ANS-1").get("claims"));
            if (!"read write".equals(claims.get("scope")) || !"t-42".equals(claims.get("tenant"))) {
                throw fail("ANS-1", "body.claims must hold every claim of the token");
            }
        });
        add(g, "ANS-4", "error descriptions stay generic: no token, claim, kid or library text", shared(), t -> {
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
                throw fail("ANS-4", "the answer echoes the token's exp");
            }
        });
        add(g, "ANS-8", "an unknown path answers 404 (or 401) in JSON, with or without a token", shared(), t -> {
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
        add(g, "ANS-8", "a method the route does not serve answers 401, 404 or 405 in JSON", shared(), t -> {
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
        add(g, "ANS-8", "a malformed request target answers 400 (or 401, 404) in JSON", shared(), t -> {
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
        add(g, "ANS-8", "oversized request headers or targets answer 4xx in JSON", shared(), t -> {
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
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void jwks() {
        String g = "jwks";
        long bound = Target.JWKS_TIMEOUT_MS + 1000;
        add(g, "JWKS-1", "the JWKS is cached: 30 requests with known kids cost one fetch", fresh(), t -> {
            for (int i = 0; i < 10; i++) {
                for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                    accepts(t, t.issuer.token(alg));
                }
            }
            expectFetches(t, 1, 1, "JWKS-1", "30 valid requests within the cache time");
        });
        add(
                g,
                "JWKS-1",
                "a removed key stops working once the cache time has passed",
                fresh("JWT_JWKS_CACHE_SECONDS", "2", "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    expectRemovedKeyRejected(t, 2 + 1 + 5, "JWT_JWKS_CACHE_SECONDS=2");
                    accepts(t, t.issuer.token("RS256"));
                });
        add(
                g,
                "JWKS-2",
                "a new kid (key rotation) is accepted at the cost of one extra fetch",
                fresh("JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    int before = t.issuer.jwksFetches();
                    SigningKey next = SigningKey.rsa("rsa-next", 2048, "sig", "RS256");
                    t.issuer.publish(next);
                    Thread.sleep(1200); // JWT_JWKS_REFRESH_MIN_SECONDS has passed since the first fetch
                    accepts(t, t.issuer.tokenSignedBy(next, "RS256"));
                    accepts(t, t.issuer.tokenSignedBy(next, "RS256"));
                    accepts(t, t.issuer.token("RS256"));
                    int extra = t.issuer.jwksFetches() - before;
                    if (extra != 1) {
                        throw fail("JWKS-2", "a rotated-in kid must cost exactly one extra fetch; it cost " + extra);
                    }
                });
        add(g, "JWKS-2", "an unknown-kid flood costs at most one extra fetch per refresh interval", fresh(), t -> {
            accepts(t, t.issuer.token("RS256"));
            for (int i = 0; i < 20; i++) {
                rejects(t, t.issuer.tokenSignedBy(t.issuer.attacker, "RS256").header("kid", "flood-" + i));
            }
            List<CompletableFuture<Answer>> burst = new ArrayList<>();
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Token tok = t.issuer.tokenSignedBy(t.issuer.attacker, "RS256").header("kid", "burst-" + i);
                tokens.add(tok);
                burst.add(t.http.send(t.uri("/protected"), "Authorization", "Bearer " + tok.compact()));
            }
            for (int i = 0; i < burst.size(); i++) {
                Expect.invalidToken(
                        burst.get(i).join(),
                        Expect.secretsOf(tokens.get(i), tokens.get(i).compact()));
            }
            expectFetches(t, 1, 2, "JWKS-2", "1 valid and 40 unknown-kid requests (JWT_JWKS_REFRESH_MIN_SECONDS=30)");
        });
        add(
                g,
                "JWKS-3",
                "200 concurrent first requests share one fetch",
                fresh(issuer -> issuer.fault(Fault.delay(Duration.ofMillis(400)))),
                t -> {
                    List<Token> tokens = new ArrayList<>();
                    List<CompletableFuture<Answer>> answers = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        Token tok = t.issuer.token(
                                List.of("RS256", "ES256", "EdDSA").get(i % 3));
                        tokens.add(tok);
                        answers.add(t.http.send(t.uri("/protected"), "Authorization", "Bearer " + tok.compact()));
                    }
                    for (int i = 0; i < answers.size(); i++) {
                        Expect.accepted(answers.get(i).join(), tokens.get(i));
                    }
                    expectFetches(t, 1, 1, "JWKS-3", "200 concurrent first requests");
                });
        add(
                g,
                "JWKS-1",
                "a removed key stops working after the cache time even when it is shorter than the refresh "
                        + "interval and the issuer sends Cache-Control: max-age=86400",
                fresh("JWT_JWKS_CACHE_SECONDS", "2"),
                t -> {
                    expectRemovedKeyRejected(
                            t, 2 + 5, "JWT_JWKS_CACHE_SECONDS=2 (and the default refresh interval of 30 s)");
                });
        add(
                g,
                "JWKS-2",
                "an issuer serving an empty key set is not refetched for every unknown kid",
                fresh(issuer -> issuer.fault(Fault.emptyKeySet())),
                t -> {
                    for (int i = 0; i < 20; i++) {
                        rejects(t, t.issuer.token("RS256").header("kid", "empty-" + i));
                    }
                    expectFetches(t, 1, 2, "JWKS-2", "20 unknown-kid requests against an empty key set");
                });
        add(
                g,
                "JWKS-4",
                "20 concurrent requests while the JWKS hangs all get 503 within the bound",
                fresh(issuer -> issuer.fault(Fault.hang())),
                t -> {
                    List<Token> tokens = new ArrayList<>();
                    List<CompletableFuture<Answer>> answers = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        Token tok = t.issuer.token(
                                List.of("RS256", "ES256", "EdDSA").get(i % 3));
                        tokens.add(tok);
                        answers.add(t.http.send(t.uri("/protected"), "Authorization", "Bearer " + tok.compact()));
                    }
                    for (int i = 0; i < answers.size(); i++) {
                        Expect.unavailable(
                                answers.get(i).join(),
                                bound,
                                Expect.secretsOf(tokens.get(i), tokens.get(i).compact()));
                    }
                    expectFetches(t, 1, 2, "JWKS-4", "20 concurrent requests during an outage");
                });
        outage(g, "an error status (500)", issuer -> issuer.fault(Fault.status(500)), bound);
        outage(g, "a hang (read timeout)", issuer -> issuer.fault(Fault.hang()), bound);
        outage(g, "a body that is not a JWKS", issuer -> issuer.fault(Fault.garbage()), bound);
        add(
                g,
                "JWKS-4",
                "a refused connection with an empty cache answers 503 within the bound",
                fresh("JWT_JWKS_URI", "http://127.0.0.1:9/.well-known/jwks.json"),
                t -> {
                    Token tok = t.issuer.token("RS256");
                    String c = tok.compact();
                    Expect.unavailable(t.bearer(c), bound, Expect.secretsOf(tok, c));
                });
        add(
                g,
                "JWKS-4",
                "an empty key set is a successful fetch: 401, not 503",
                fresh(issuer -> issuer.fault(Fault.emptyKeySet())),
                t -> rejects(t, t.issuer.token("RS256")));
        add(
                g,
                "JWKS-5",
                "while the JWKS is down, cached keys keep working and unknown kids get 503",
                fresh("JWT_JWKS_CACHE_SECONDS", "1", "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    t.issuer.fault(Fault.status(500));
                    Thread.sleep(1500); // past JWT_JWKS_CACHE_SECONDS: the next request tries a refresh, which fails
                    for (int i = 0; i < 3; i++) {
                        accepts(t, t.issuer.token("RS256"));
                        accepts(t, t.issuer.token("ES256"));
                        Thread.sleep(600);
                    }
                    SigningKey next = SigningKey.rsa("rsa-next", 2048, "sig", "RS256");
                    Token unknown = t.issuer.tokenSignedBy(next, "RS256");
                    String c = unknown.compact();
                    Expect.unavailable(t.bearer(c), bound, Expect.secretsOf(unknown, c));
                    t.issuer.publish(next);
                    t.issuer.fault(Fault.none());
                    awaitAccepted(
                            t,
                            () -> t.issuer.tokenSignedBy(next, "RS256"),
                            1 + 1 + 5,
                            "JWKS-5",
                            "a new key after the JWKS came back");
                });
        add(
                g,
                "JWKS-5",
                "after an outage at startup, the app recovers without a restart",
                fresh(issuer -> issuer.fault(Fault.status(503)), "JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    Token tok = t.issuer.token("EdDSA");
                    String c = tok.compact();
                    Expect.unavailable(t.bearer(c), bound, Expect.secretsOf(tok, c));
                    t.issuer.fault(Fault.none());
                    awaitAccepted(
                            t,
                            () -> t.issuer.token("EdDSA"),
                            1 + 5,
                            "JWKS-5",
                            "a valid token after the JWKS " + "came back");
                });
        add(
                g,
                "JWKS-6",
                "a JWKS that hangs at startup does not stop the app",
                fresh(issuer -> issuer.fault(Fault.hang())),
                t -> {
                    Answer health = t.health();
                    if (health.status() != 200) {
                        throw fail(
                                "JWKS-6", "/health must answer 200 while the JWKS is down; got " + health.describe());
                    }
                    Token tok = t.issuer.token("RS256");
                    String c = tok.compact();
                    Expect.unavailable(t.bearer(c), bound, Expect.secretsOf(tok, c));
                });
        add(
                g,
                "JWKS-7",
                "under steady traffic with unknown kids, refetches stay one per refresh interval",
                fresh("JWT_JWKS_REFRESH_MIN_SECONDS", "1"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    int before = t.issuer.jwksFetches();
                    long seconds = 6;
                    steadyTraffic(t, Duration.ofSeconds(seconds), 10);
                    List<Long> times = t.issuer.jwksFetchTimes();
                    List<Long> window = times.subList(before, times.size());
                    if (window.size() > seconds + 2) {
                        throw fail(
                                "JWKS-7",
                                seconds + " s of traffic with unknown kids "
                                        + "(JWT_JWKS_REFRESH_MIN_SECONDS=1) cost " + window.size()
                                        + " fetches; at most "
                                        + (seconds + 2) + " are allowed");
                    }
                    for (int i = 1; i < window.size(); i++) {
                        long gap = window.get(i) - window.get(i - 1);
                        if (gap < 500) {
                            throw fail(
                                    "JWKS-7",
                                    "two JWKS fetches " + gap + " ms apart under steady traffic; "
                                            + "JWT_JWKS_REFRESH_MIN_SECONDS=1 allows one per second");
                        }
                    }
                });
        add(
                g,
                "JWKS-8",
                "while the JWKS is down, a token refused for its form, alg, typ or iss gets 401, not 503",
                fresh(issuer -> issuer.fault(Fault.status(500))),
                t -> {
                    Token valid = t.issuer.token("RS256");
                    Expect.unavailable(t.bearer(valid.compact()), bound, Expect.secretsOf(valid, valid.compact()));
                    expectDecidedWithoutKeys(t, bound);
                    Token later = t.issuer.token("EdDSA");
                    Expect.unavailable(t.bearer(later.compact()), bound, Expect.secretsOf(later, later.compact()));
                });
        add(
                g,
                "JWKS-8",
                "while the JWKS hangs and no key is cached, such tokens get 401 without waiting for it",
                fresh(issuer -> issuer.fault(Fault.hang())),
                t -> expectDecidedWithoutKeys(t, Target.JWKS_TIMEOUT_MS / 2));
    }

    private void outage(String g, String what, Consumer<MockIssuer> fault, long bound) {
        add(g, "JWKS-4", what + " with an empty cache answers 503 within the bound", fresh(fault), t -> {
            for (String alg : List.of("RS256", "EdDSA")) {
                Token tok = t.issuer.token(alg);
                String c = tok.compact();
                Expect.unavailable(t.bearer(c), bound, Expect.secretsOf(tok, c));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void configuration() {
        String g = "configuration";
        add(g, "CFG-1", "a missing JWT_ISSUER stops the app at startup, naming the variable", launcher(), t -> {
            Map<String, String> env = new LinkedHashMap<>(t.env);
            env.remove("JWT_ISSUER");
            expectStartupError(t, env, "JWT_ISSUER");
        });
        add(g, "CFG-2", "a malformed value stops the app at startup, naming the variable", launcher(), t -> {
            List<String[]> bad = List.of(
                    new String[] {"JWT_CLOCK_SKEW_SECONDS", "sixty"},
                    new String[] {"JWT_JWKS_CACHE_SECONDS", "-5"},
                    new String[] {"JWT_JWKS_REFRESH_MIN_SECONDS", "1.5"},
                    new String[] {"JWT_JWKS_TIMEOUT_MS", "0"},
                    new String[] {"JWT_ALGORITHMS", "none"},
                    new String[] {"JWT_ALGORITHMS", "RS256,HS256"},
                    new String[] {"JWT_JWKS_URI", "not a uri"},
                    new String[] {"PORT", "eighty"});
            for (String[] pair : bad) {
                Map<String, String> env = new LinkedHashMap<>(t.env);
                env.put(pair[0], pair[1]);
                expectStartupError(t, env, pair[0]);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void concurrency() {
        add("concurrency", "CON-1", "200 concurrent mixed requests each get the right answer", shared(), t -> {
            List<String> kinds = List.of("RS256", "ES256", "EdDSA", "expired", "tampered", "none", "missing");
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            List<Token> tokens = new ArrayList<>();
            List<String> compacts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String kind = kinds.get(i % kinds.size());
                Token tok = switch (kind) {
                    case "expired" -> t.issuer.token("EdDSA").expiringAt(now() - 600);
                    case "tampered", "missing" -> t.issuer.token("RS256");
                    case "none" -> t.issuer.token("RS256").header("alg", "none");
                    default -> t.issuer.token(kind);
                };
                String c = switch (kind) {
                    case "tampered" -> {
                        String ok = tok.compact();
                        yield ok.substring(0, ok.length() - 6) + (ok.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
                    }
                    case "none" -> tok.encodedHeader() + "." + tok.encodedPayload() + ".";
                    default -> tok.compact();
                };
                tokens.add(tok);
                compacts.add(c);
                answers.add(
                        kind.equals("missing")
                                ? t.http.send(t.uri("/protected"))
                                : t.http.send(t.uri("/protected"), "Authorization", "Bearer " + c));
            }
            for (int i = 0; i < answers.size(); i++) {
                String kind = kinds.get(i % kinds.size());
                Answer a = answers.get(i).join();
                try {
                    switch (kind) {
                        case "RS256", "ES256", "EdDSA" -> Expect.accepted(a, tokens.get(i));
                        case "missing" -> Expect.noCredentials(a);
                        default -> Expect.invalidToken(a, tokens.get(i), compacts.get(i));
                    }
                } catch (ContractFailure f) {
                    throw fail("CON-1", "request " + i + " (" + kind + ") under load: " + f.getMessage());
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    private void gateway() {
        String g = "gateway";
        add(
                g,
                "GW-1",
                "with several issuers, each issuer's tokens verify with that issuer's own keys",
                launcher(),
                t -> withIssuers(t, (app, a, b, other) -> {
                    for (MockIssuer issuer : List.of(a, b)) {
                        for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                            accepts(app, issuer.token(alg));
                        }
                    }
                    if (a.jwksFetches() != 1 || b.jwksFetches() != 1) {
                        throw fail(
                                "GW-1",
                                "each issuer's JWKS must be fetched once from its own URL; fetched " + a.jwksFetches()
                                        + " and " + b.jwksFetches() + " times");
                    }
                }));
        add(
                g,
                "GW-1",
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
        add(
                g,
                "GW-1",
                "a token from an unlisted issuer is rejected without any JWKS fetch",
                launcher(),
                t -> withIssuers(t, (app, a, b, other) -> {
                    rejects(app, other.token("RS256"));
                    rejects(app, other.token("RS256").header("kid", "unknown-" + UUID.randomUUID()));
                    int fetches = a.jwksFetches() + b.jwksFetches() + other.jwksFetches();
                    if (fetches != 0) {
                        throw fail("GW-1", "a token from an unlisted issuer caused " + fetches + " JWKS fetch(es)");
                    }
                    rejects(app, a.token("RS256").claim("iss", other.issuer()));
                }));
        add(
                g,
                "GW-1",
                "JWT_JWKS_URI with several issuers stops the app at startup, naming the variable",
                launcher(),
                t -> {
                    try (MockIssuer other = MockIssuer.start()) {
                        Map<String, String> env = new LinkedHashMap<>(t.env);
                        env.put("JWT_ISSUER", t.issuer.issuer() + "," + other.issuer());
                        env.put("JWT_JWKS_URI", t.issuer.jwksUri().toString());
                        expectStartupError(t, env, "JWT_JWKS_URI");
                    }
                });
        add(
                g,
                "GW-2",
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
        add(
                g,
                "GW-2",
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
        add(
                g,
                "GW-3",
                "with JWT_REQUIRED_SCOPE set, a scope string or scp array containing it is accepted",
                fresh("JWT_REQUIRED_SCOPE", "orders:read"),
                t -> {
                    accepts(t, t.issuer.token("RS256").claim("scope", "orders:read"));
                    accepts(t, t.issuer.token("RS256").claim("scope", "profile orders:read email"));
                    accepts(t, t.issuer.token("ES256").claim("scp", List.of("profile", "orders:read")));
                });
        add(
                g,
                "GW-3",
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

    /** Tokens whose verdict needs no key: each must get 401 invalid_token within maxMillis, whatever the JWKS does. */
    private static void expectDecidedWithoutKeys(Target t, long maxMillis) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Token base = t.issuer.token("RS256");
        Token none = t.issuer.token("RS256").header("alg", "none");
        tokens.put("alg none", none.encodedHeader() + "." + none.encodedPayload() + ".");
        tokens.put(
                "alg HS256",
                t.issuer
                        .token("RS256")
                        .header("alg", "HS256")
                        .hmacWith(new byte[32])
                        .compact());
        tokens.put(
                "alg RS384",
                t.issuer.token("RS256").header("alg", "RS384").signedAs("RS384").compact());
        tokens.put(
                "typ dpop+jwt",
                t.issuer.token("RS256").header("typ", "dpop+jwt").compact());
        tokens.put(
                "an unlisted iss",
                t.issuer.token("RS256").claim("iss", "https://evil.example").compact());
        tokens.put(
                "a crit header",
                t.issuer
                        .token("RS256")
                        .header("crit", List.of("x-ext"))
                        .header("x-ext", 1)
                        .compact());
        tokens.put(
                "a JWE",
                Token.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + ".AAAA.AAAA."
                        + base.encodedPayload() + ".AAAA");
        tokens.put("two parts", base.encodedHeader() + "." + base.encodedPayload());
        tokens.put("a payload that is not JSON", base.encodedHeader() + "." + Token.encode("[1,2]") + ".AAAA");
        tokens.forEach((what, c) -> {
            Answer a = t.bearer(c);
            if (a.status() == 503) {
                throw fail(
                        "JWKS-8",
                        "a token with " + what + " needs no key to be refused, but got 503 while the JWKS"
                                + " is down");
            }
            Expect.invalidToken(a, c, base.subject());
            if (a.millis() > maxMillis) {
                throw fail(
                        "JWKS-8",
                        "a token with " + what + " needs no key, but its 401 took " + a.millis()
                                + " ms while the JWKS is down (at most " + maxMillis + " ms)");
            }
        });
    }

    /** Requests from 4 clients for this long; every n-th carries an unknown kid (401), the others a valid token. */
    private static void steadyTraffic(Target t, Duration duration, int everyNth) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                loops.add(clients.submit(() -> {
                    for (int i = client; System.nanoTime() < end; i++) {
                        if (i % everyNth == 0) {
                            rejects(
                                    t,
                                    t.issuer
                                            .tokenSignedBy(t.issuer.attacker, "RS256")
                                            .header("kid", "steady-" + UUID.randomUUID()));
                        } else {
                            accepts(
                                    t,
                                    t.issuer.token(
                                            List.of("RS256", "ES256", "EdDSA").get(i % 3)));
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    static void accepts(Target t, Token tok) {
        Expect.accepted(t.bearer(tok.compact()), tok);
    }

    static void rejects(Target t, Token tok) {
        String c = tok.compact();
        Expect.invalidToken(t.bearer(c), tok, c);
    }

    /** A token that must be rejected for one of its dates; a failure names the claim and its value. */
    private static void rejectsDate(Target t, Token tok, String what) {
        try {
            rejects(t, tok);
        } catch (ContractFailure f) {
            throw fail("CLM-5", "a token with " + what + ": " + f.getMessage());
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String b64(byte[] bytes) {
        return SigningKey.b64(bytes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static void expectFetches(Target t, int min, int max, String requirement, String what) {
        int n = t.issuer.jwksFetches();
        if (n < min || n > max) {
            throw fail(
                    requirement,
                    what + " must cost " + (min == max ? "exactly " + min : min + " to " + max)
                            + " JWKS fetch(es); it cost " + n);
        }
    }

    /** rsa-2 verifies, is removed from the JWKS, and must be rejected (401) within this many seconds. */
    private static void expectRemovedKeyRejected(Target t, int seconds, String settings) throws InterruptedException {
        accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
        t.issuer.unpublish("rsa-2");
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (true) {
            Token tok = t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256");
            String c = tok.compact();
            Answer a = t.bearer(c);
            if (a.status() != 200) {
                Expect.invalidToken(a, tok, c);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw fail(
                        "JWKS-1",
                        "a key removed from the JWKS still verifies " + seconds + " s later with " + settings);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitAccepted(
            Target t, java.util.function.Supplier<Token> tokens, int seconds, String requirement, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        Answer last;
        Token tok;
        do {
            tok = tokens.get();
            last = t.bearer(tok.compact());
            if (last.status() == 200) {
                Expect.accepted(last, tok);
                return;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw fail(
                requirement,
                what + " must be accepted within " + seconds + " s, without a restart; last answer " + last.describe());
    }

    private static void expectStartupError(Target t, Map<String, String> env, String variable) {
        RunningApp app;
        try {
            app = t.launch(env);
        } catch (Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c.getMessage() != null && c.getMessage().contains(variable)) {
                    return;
                }
            }
            throw fail(
                    variable.equals("JWT_ISSUER") ? "CFG-1" : "CFG-2",
                    "startup with " + variable + "=" + env.get(variable) + " failed, but the error does not name "
                            + variable + ": " + Http.rootMessage(e));
        }
        app.close();
        throw fail(
                variable.equals("JWT_ISSUER") ? "CFG-1" : "CFG-2",
                "the app started with " + variable + (env.containsKey(variable) ? "=" + env.get(variable) : " unset")
                        + "; it must stop at startup naming the variable");
    }
}
