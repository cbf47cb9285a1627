package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.OTHER_METHODS;
import static com.example.jwt.contract.Steps.bodyless;
import static com.example.jwt.contract.Steps.concat;
import static com.example.jwt.contract.Steps.now;
import static com.example.jwt.contract.Steps.refusals;
import static com.example.jwt.contract.Steps.secrets;

import com.example.jwt.issuer.Token;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Requests: REQ-1 and REQ-2 of CONTRACT.md. */
final class RequestCases {
    private RequestCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("requests");
        cases.add("REQ-1.1", "HEAD is GET without a body: the same check and the same status", shared(), t -> {
            expectHead(t.raw("HEAD", "/protected"), 401, null, "HEAD without a token");
            Token tok = t.issuer.token("RS256");
            Answer ok = t.raw("HEAD", "/protected", "Authorization: Bearer " + tok.compact());
            if (ok.status() != 200) {
                Expect.record(
                        "REQ-1",
                        ok.status() >= 500 ? Consequence.FAILS_UNDER_FAULTS : Consequence.REFUSES_VALID,
                        "HEAD with a valid token must get 200, like GET; got " + ok.describe());
            } else {
                Expect.noCookie(ok);
            }
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
        cases.add("REQ-1.2", "no other method reaches the protected handler without a token", shared(), t -> {
            for (String method : OTHER_METHODS) {
                Expect.refused(
                        t.raw(method, "/protected", bodyless(method)),
                        "REQ-1",
                        method + " without a token",
                        refusals(method));
            }
        });
        cases.add("REQ-1.3", "no other method reaches the protected handler with an invalid token", shared(), t -> {
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
        cases.add(
                "REQ-2.1",
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
        cases.add(
                "REQ-2.2",
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
        return cases.list();
    }

    /** A HEAD answer: this status, and for a 401 a Bearer challenge with this error (null: none), nothing echoed. */
    private static void expectHead(Answer a, int status, String error, String what, String... secrets) {
        if (a.status() != status) {
            Consequence c = a.status() < 300
                    ? Consequence.LETS_THROUGH
                    : a.status() >= 500 ? Consequence.FAILS_UNDER_FAULTS : Consequence.ANSWER_FORM;
            Expect.record("REQ-1", c, what + " must get " + status + ", like GET; got " + a.describe());
            return;
        }
        Expect.noCookie(a);
        for (String secret : secrets) {
            if (secret.length() >= 3 && a.everything().contains(secret)) {
                Expect.form("ANS-4", what + ": the answer echoes part of the token");
                break;
            }
        }
        Map<String, String> bearer = Expect.challenges(a).get("bearer");
        if (bearer == null) {
            Expect.form("REQ-1", what + " must carry a Bearer challenge, like GET; got " + a.describe());
        } else if (!Objects.equals(error, bearer.get("error"))) {
            Expect.form("REQ-1", what + ": the challenge's error must be " + error + ", like GET; got " + bearer);
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
            Token tok = t.issuer.token("RS256");
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
}
