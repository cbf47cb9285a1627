package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.b64;
import static com.example.jwt.contract.Steps.rejects;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Token format: TOK-1 to TOK-4 of CONTRACT.md. */
final class TokenCases {
    /** Deep enough to overflow a recursive parser's stack; with the rest of the token, under 7 KiB (servers' 8 KiB). */
    static final int DEEP = 2_200;

    private TokenCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("token");
        cases.add("TOK-1.1", "a JWS with its signature stripped is rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.encodedHeader() + "." + tok.encodedPayload() + ".";
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        cases.add("TOK-1.2", "five parts (a JWE) are rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = Token.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}") + ".AAAA.AAAA."
                    + tok.encodedPayload() + ".AAAA";
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        cases.add("TOK-1.3", "a header that is not a JSON object is rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (String header : List.of("[\"alg\",\"RS256\"]", "\"RS256\"", "{\"alg\":\"RS256\"")) {
                String input = Token.encode(header) + "." + tok.encodedPayload();
                String c = input + "." + b64(tok.signature(input));
                Expect.invalidToken(t.bearer(c), tok, c);
            }
        });
        cases.add("TOK-1.4", "a payload that is not a JSON object is rejected, even when signed", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            for (String payload : List.of("[1,2,3]", "\"sub\"", "{\"sub\":")) {
                String input = tok.encodedHeader() + "." + Token.encode(payload);
                String c = input + "." + b64(tok.signature(input));
                Expect.invalidToken(t.bearer(c), tok, c);
            }
        });
        cases.add("TOK-1.5", "segments with characters outside base64url are rejected", shared(), t -> {
            Token tok = t.issuer.token("RS256");
            String c = tok.compact();
            int dot = c.indexOf('.');
            String broken = c.substring(0, dot) + ".*" + c.substring(dot + 2);
            Expect.malformed(t.bearer(broken), Expect.secretsOf(tok, c));
        });
        cases.add("TOK-2.1", "a crit header is rejected, even naming a registered parameter", shared(), t -> {
            for (Object crit : List.of(List.of("exp"), List.of("x-unknown-extension"))) {
                Token tok = t.issuer
                        .token("RS256")
                        .header("crit", crit)
                        .header("exp", 1)
                        .header("x-unknown-extension", 1);
                rejects(t, tok);
            }
        });
        cases.add("TOK-3.1", "typ JWT, at+jwt, application/at+jwt in any case, or no typ, is accepted", shared(), t -> {
            for (String typ : List.of("JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt", "application/jwt")) {
                accepts(t, t.issuer.token("RS256").header("typ", typ));
            }
            accepts(t, t.issuer.token("RS256").withoutHeader("typ"));
        });
        cases.add("TOK-3.2", "any other typ is rejected", shared(), t -> {
            for (String typ : List.of("dpop+jwt", "JOSE", "secevent+jwt", "logout+jwt", "")) {
                Findings.within(
                        "TOK-3",
                        "typ " + Json.write(typ),
                        () -> rejects(t, t.issuer.token("RS256").header("typ", typ)));
            }
        });
        cases.add(
                "TOK-4.1",
                "a validly signed payload nested thousands of levels deep is answered 401 (or 200), never 5xx",
                shared(),
                t -> {
                    for (String deep :
                            List.of(nested("[", "]", DEEP), nested("{\"\":", "}", 800), nested("[{\"\":", "}]", 600))) {
                        hostile(t, t.issuer.token("RS256").claim("x-extra", Json.raw(deep)), "a claim nested deep");
                    }
                });
        cases.add(
                "TOK-4.2",
                "validly signed huge numbers and odd types in claims the app does not read get 401 or 200, never 5xx",
                shared(),
                t -> {
                    Map<String, Object> odd = new LinkedHashMap<>();
                    odd.put("x-big", Json.raw("1e999999"));
                    odd.put("x-small", Json.raw("-1E-999999"));
                    odd.put("x-long", Json.raw("9".repeat(3000)));
                    odd.put("x-fraction", Json.raw("0." + "3".repeat(3000)));
                    odd.put("x-types", Json.raw("[null,true,false,{},[],\"\\u0000\\ud800\",-0,0.0e0]"));
                    odd.put("x-empty-key", Json.raw("{\"\":{\"\":\"\"}}"));
                    for (Map.Entry<String, Object> e : odd.entrySet()) {
                        hostile(t, t.issuer.token("RS256").claim(e.getKey(), e.getValue()), "claim " + e.getKey());
                    }
                });
        cases.add(
                "TOK-4.3",
                "a validly signed header with a parameter nested deep or a huge number gets 401 or 200, never 5xx",
                shared(),
                t -> {
                    hostile(t, t.issuer.token("RS256").header("x-deep", Json.raw(nested("[", "]", DEEP))), "a header");
                    hostile(t, t.issuer.token("RS256").header("x-big", Json.raw("1e999999")), "a header");
                    hostile(t, t.issuer.token("RS256").header("x-long", Json.raw("7".repeat(3000))), "a header");
                });
        return cases.list();
    }

    /** {@code open} n times, the innermost value 1, then {@code close} n times. */
    static String nested(String open, String close, int n) {
        return open.repeat(n) + "1" + close.repeat(n);
    }

    /**
     * TOK-4: a validly signed token with JSON the app may not be able to use: it may refuse it (401, the usual
     * answer) or accept it (200 with the token's subject), and nothing else: no 5xx, no hang.
     */
    private static void hostile(Target t, Token tok, String what) {
        String c = tok.compact();
        Answer a = t.bearer(c);
        if (a.status() == 200) {
            Expect.acceptedShallow(a, tok);
        } else {
            Findings.within("TOK-4", "a validly signed token with " + what, () -> Expect.invalidToken(a, tok, c));
        }
    }
}
