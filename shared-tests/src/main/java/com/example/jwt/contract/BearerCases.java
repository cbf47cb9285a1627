package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.now;
import static com.example.jwt.contract.Steps.secrets;

import com.example.jwt.issuer.Token;
import java.util.List;
import java.util.Set;

/** Bearer credentials: BRR-1 to BRR-4 of CONTRACT.md. */
final class BearerCases {
    private BearerCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("bearer");
        cases.add("BRR-1.1", "the scheme name is case-insensitive", shared(), t -> {
            for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
                Token tok = t.issuer.token("RS256");
                Expect.accepted(t.protectedWith("Authorization", scheme + " " + tok.compact()), tok);
            }
        });
        cases.add("BRR-1.2", "white space around the credentials is trimmed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            Expect.accepted(
                    t.http.raw(t.uri("/"), "/protected", "Authorization:   Bearer " + tok.compact() + "   "), tok);
        });
        cases.add(
                "BRR-1.3",
                "no Authorization header, or another scheme, is a request without credentials",
                shared(),
                t -> {
                    Expect.noCredentials(t.protectedWith());
                    Expect.noCredentials(t.protectedWith("Authorization", "Basic dXNlcjpwYXNzd29yZA=="));
                    Token tok = t.issuer.token("RS256");
                    String c = tok.compact();
                    Expect.noCredentials(t.protectedWith("Authorization", "Token " + c), Expect.secretsOf(tok, c));
                    Expect.noCredentials(t.protectedWith("Authorization", "Bearertoken"));
                });
        cases.add("BRR-2.1", "a token in the query string is never accepted", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            Expect.refused(
                    t.http.get(t.uri("/protected?access_token=" + c)),
                    "BRR-2",
                    "a query-string token",
                    Set.of(400, 401),
                    Expect.secretsOf(tok, c));
        });
        cases.add("BRR-3.1", "Bearer with an empty token is rejected as malformed", shared(), t -> {
            Expect.malformed(t.protectedWith("Authorization", "Bearer"));
            Expect.malformed(t.protectedWith("Authorization", "Bearer "));
        });
        cases.add("BRR-3.2", "credentials that are not token68 are rejected as malformed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            Expect.malformed(t.protectedWith("Authorization", "Bearer " + c + " " + c), Expect.secretsOf(tok, c));
            Expect.malformed(t.protectedWith("Authorization", "Bearer a,b;c"));
            Expect.malformed(t.protectedWith("Authorization", "Bearer \"" + c + "\""), Expect.secretsOf(tok, c));
        });
        cases.add("BRR-3.3", "garbage and two-part tokens are invalid tokens", shared(), t -> {
            for (String junk : List.of("garbage", "abc.def", "a.b.c", "...", "eyJhbGciOiJSUzI1NiJ9", "a.b.c.d")) {
                Expect.invalidToken(t.protectedWith("Authorization", "Bearer " + junk));
            }
            Expect.malformed(t.protectedWith("Authorization", "Bearer ====="));
        });
        cases.add(
                "BRR-4.1",
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
        cases.add(
                "BRR-4.2",
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
        return cases.list();
    }
}
