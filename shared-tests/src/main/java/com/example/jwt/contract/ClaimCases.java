package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.process;
import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.now;
import static com.example.jwt.contract.Steps.rejects;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Claims: CLM-1 to CLM-5 of CONTRACT.md. */
final class ClaimCases {
    private ClaimCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("claims");
        cases.add("CLM-1.1", "a wrong, missing or differently written iss is rejected", shared(), t -> {
            String iss = t.issuer.issuer();
            for (String wrong : List.of(
                    "https://evil.example",
                    iss + "/",
                    iss.toUpperCase(),
                    iss.replace("http:", "https:"),
                    iss + "x",
                    " " + iss)) {
                Findings.within(
                        "CLM-1",
                        "iss " + Json.write(wrong),
                        () -> rejects(t, t.issuer.token("RS256").claim("iss", wrong)));
            }
            rejects(t, t.issuer.token("RS256").withoutClaim("iss"));
            Findings.within(
                    "CLM-1",
                    "iss as an array",
                    () -> rejects(t, t.issuer.token("RS256").claim("iss", List.of(iss))));
        });
        cases.add(
                "CLM-2.1",
                "a token without exp is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").withoutClaim("exp")));
        cases.add("CLM-2.2", "a token expired beyond the clock skew is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").expiringAt(now() - 120));
            rejects(t, t.issuer.token("RS256").expiringAt(now() - 86_400 * 365));
        });
        cases.add(
                "CLM-2.3",
                "a token expired within the clock skew (60 s) is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("RS256").expiringAt(now() - 30)));
        cases.add("CLM-2.4", "an exp that is not a number is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").claim("exp", String.valueOf(now() + 300)));
            rejects(t, t.issuer.token("RS256").claim("exp", List.of(now() + 300)));
        });
        cases.add(
                "CLM-2.5",
                "JWT_CLOCK_SKEW_SECONDS=0 rejects a token expired 5 s ago",
                fresh("JWT_CLOCK_SKEW_SECONDS", "0"),
                t -> {
                    accepts(t, t.issuer.token("RS256").expiringAt(now() + 30));
                    rejects(t, t.issuer.token("RS256").expiringAt(now() - 5));
                });
        cases.add(
                "CLM-3.1",
                "nbf beyond the clock skew in the future is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").claim("nbf", now() + 120)));
        cases.add(
                "CLM-3.2",
                "nbf within the clock skew in the future is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("RS256").claim("nbf", now() + 30)));
        cases.add(
                "CLM-4.1",
                "an aud array containing the audience is accepted",
                shared(),
                t -> accepts(t, t.issuer.token("RS256").claim("aud", List.of("other-api", MockIssuer.AUDIENCE))));
        cases.add("CLM-4.2", "a wrong or missing aud is rejected when JWT_AUDIENCE is set", shared(), t -> {
            rejects(t, t.issuer.token("RS256").claim("aud", "other-api"));
            rejects(t, t.issuer.token("RS256").claim("aud", List.of("other-api", "another-api")));
            rejects(t, t.issuer.token("RS256").claim("aud", MockIssuer.AUDIENCE.toUpperCase()));
            rejects(t, t.issuer.token("RS256").withoutClaim("aud"));
        });
        cases.add(
                "CLM-4.3",
                "with JWT_ALLOW_ANY_AUDIENCE=true (and no JWT_AUDIENCE), any aud and no aud are accepted",
                fresh("JWT_AUDIENCE", null, "JWT_ALLOW_ANY_AUDIENCE", "true"),
                t -> {
                    accepts(t, t.issuer.token("RS256").claim("aud", "some-other-api"));
                    accepts(t, t.issuer.token("RS256").withoutClaim("aud"));
                    rejects(t, t.issuer.token("RS256").claim("iss", "https://evil.example"));
                });
        cases.add(
                "CLM-4.4",
                "JWT_ALLOW_ANY_AUDIENCE=true is announced at startup with a line naming it",
                process(),
                t -> {
                    Map<String, String> env = new LinkedHashMap<>(t.env);
                    env.remove("JWT_AUDIENCE");
                    env.put("JWT_ALLOW_ANY_AUDIENCE", "true");
                    try (RunningApp app = t.launchProcess(env)) {
                        Target started = t.with(app, t.issuer, env);
                        accepts(started, t.issuer.token("RS256").claim("aud", "some-other-api"));
                        List<String> lines = ProcessOutput.settled(app::output);
                        if (lines.stream().noneMatch(l -> l.contains("JWT_ALLOW_ANY_AUDIENCE=true"))) {
                            Expect.record(
                                    "CLM-4",
                                    Consequence.CONFIGURATION,
                                    "with JWT_ALLOW_ANY_AUDIENCE=true no line of the app's output says"
                                            + " JWT_ALLOW_ANY_AUDIENCE=true: the operator is not warned that aud is"
                                            + " not checked");
                        }
                    }
                });
        cases.add(
                "CLM-5.1",
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
                        rejectsDate(t, t.issuer.token("RS256").claim("exp", exp), "exp " + exp);
                    }
                });
        cases.add(
                "CLM-5.2",
                "an nbf or iat that overflows or lies outside the years 0001-9999 is rejected",
                shared(),
                t -> {
                    for (Object date : List.of(
                            Json.number("-1e400"),
                            Json.number("1e400"),
                            BEFORE_YEAR_1,
                            YEAR_10000,
                            Json.number("-9223372036854775809"),
                            Json.number("-1e19"),
                            Json.number("-62135596800.5"))) {
                        rejectsDate(t, t.issuer.token("RS256").claim("nbf", date), "nbf " + date);
                        rejectsDate(t, t.issuer.token("RS256").claim("iat", date), "iat " + date);
                    }
                });
        cases.add("CLM-5.3", "an iat or nbf that is not a number is rejected", shared(), t -> {
            for (Object notANumber : List.of(String.valueOf(now()), List.of(now()), Map.of("seconds", now()), true)) {
                rejectsDate(t, t.issuer.token("RS256").claim("iat", notANumber), "iat " + Json.write(notANumber));
                rejectsDate(t, t.issuer.token("RS256").claim("nbf", notANumber), "nbf " + Json.write(notANumber));
            }
        });
        cases.add("CLM-5.4", "dates with fractions or exponents, within range, are accepted", shared(), t -> {
            accepts(
                    t,
                    t.issuer
                            .token("RS256")
                            .claim("exp", Json.number((now() + 300) + ".5"))
                            .claim("nbf", Json.number((now() - 10) + ".25"))
                            .claim("iat", Json.number((now() - 1) + ".75")));
            String exp = new java.math.BigDecimal(now() + 600).movePointLeft(9).toPlainString() + "e9";
            accepts(t, t.issuer.token("RS256").claim("exp", Json.number(exp)).claim("iat", Json.number("0.0")));
        });
        return cases.list();
    }

    /** 10000-01-01T00:00:00Z, the first second no RFC 3339 date can hold. */
    private static final long YEAR_10000 = 253_402_300_800L;
    /** One second before 0001-01-01T00:00:00Z. */
    private static final long BEFORE_YEAR_1 = -62_135_596_801L;

    /** A token that must be rejected for one of its dates; a failure names the claim and its value. */
    private static void rejectsDate(Target t, Token tok, String what) {
        Findings.within("CLM-5", "a token with " + what, () -> rejects(t, tok));
    }
}
