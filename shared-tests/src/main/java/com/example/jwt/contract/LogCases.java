package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.process;
import static com.example.jwt.contract.Steps.b64;

import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Logs: LOG-1 of CONTRACT.md, read from the output of the app started as a process. */
final class LogCases {
    private LogCases() {}

    static final int ROUNDS = 250;
    /** WARN (or worse) lines the whole flood may cause: a refetch that found no key, say, but none per token. */
    static final int MAX_WARNINGS = 5;
    /** Bytes of output per hostile request, on average: a DEBUG-free log writes nothing per rejected token. */
    static final int MAX_BYTES_PER_REQUEST = 400;
    /** Every hostile token carries it in its kid, sub, iss, aud or raw text: no log line may hold it. */
    static final String MARKER = "log-probe-";

    private static final Pattern WARNING = Pattern.compile("\\b(WARN|WARNING|ERROR|SEVERE|FATAL)\\b");

    static List<Case> cases() {
        Cases cases = new Cases("logs");
        cases.add(
                "LOG-1.1",
                "a flood of hostile tokens logs no token part, no stack trace, and a bounded number of lines",
                process(),
                t -> {
                    try (RunningApp app = t.launchProcess(t.env)) {
                        Target target = t.with(app, t.issuer, t.env);
                        List<String> before = ProcessOutput.settled(app::output);
                        Set<String> segments = new HashSet<>();
                        int requests = 0;
                        for (int round = 0; round < ROUNDS; round++) {
                            for (String token : hostileTokens(t.issuer)) {
                                if (round == 0 || round == ROUNDS - 1) {
                                    for (String segment : token.split("\\.")) {
                                        if (segment.length() >= 24) {
                                            segments.add(segment.substring(0, 24));
                                        }
                                    }
                                }
                                answeredWith4xx(target.bearer(token));
                                requests++;
                            }
                        }
                        List<String> all = ProcessOutput.settled(app::output);
                        List<String> flood = all.subList(Math.min(before.size(), all.size()), all.size());
                        judge(flood, segments, requests);
                    }
                });
        return cases.list();
    }

    private static void answeredWith4xx(Answer a) {
        if (a.status() >= 200 && a.status() < 300) {
            throw Expect.fail("LOG-1", Consequence.LETS_THROUGH, "a hostile token was accepted with " + a.status());
        }
        if (a.status() < 400 || a.status() >= 500) {
            throw Expect.fail(
                    "LOG-1", Consequence.FAILS_UNDER_FAULTS, "a hostile token got HTTP " + a.status() + ", not 4xx");
        }
    }

    private static void judge(List<String> flood, Set<String> segments, int requests) {
        long bytes = 0;
        int warnings = 0;
        String leak = null;
        for (String line : flood) {
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (WARNING.matcher(line).find()) {
                warnings++;
            }
            if (leak == null && (line.contains(MARKER) || segments.stream().anyMatch(line::contains))) {
                leak = line;
            }
        }
        if (leak != null) {
            Expect.record(
                    "LOG-1",
                    Consequence.ANSWER_FORM,
                    "the log holds a part of a rejected token (CWE-532): " + ProcessOutput.quote(leak));
        }
        String stack = ProcessOutput.stackTraceLine(flood);
        if (stack != null) {
            Expect.record(
                    "LOG-1",
                    Consequence.FAILS_UNDER_FAULTS,
                    "a rejected token is logged with a stack trace: " + ProcessOutput.quote(stack));
        }
        if (warnings > MAX_WARNINGS) {
            Expect.record(
                    "LOG-1",
                    Consequence.FAILS_UNDER_FAULTS,
                    requests + " hostile requests wrote " + warnings + " WARN or ERROR lines (at most " + MAX_WARNINGS
                            + "): an attacker fills the log at request rate");
        }
        if (bytes > (long) MAX_BYTES_PER_REQUEST * requests) {
            Expect.record(
                    "LOG-1",
                    Consequence.FAILS_UNDER_FAULTS,
                    requests + " hostile requests wrote " + bytes + " bytes of log (at most " + MAX_BYTES_PER_REQUEST
                            + " a request)");
        }
    }

    /** Fifteen tokens refused for their form, their key or their claims; each with a fresh marker. */
    static List<String> hostileTokens(MockIssuer issuer) {
        String m = MARKER + UUID.randomUUID().toString().substring(0, 8);
        Token valid = issuer.token("RS256").claim("sub", m);
        String payload = valid.encodedPayload();
        String signature = valid.compact().substring(valid.compact().lastIndexOf('.') + 1);
        String input = valid.encodedHeader() + "." + payload;
        List<String> tokens = new ArrayList<>();
        tokens.add(json("{\"alg\":null,\"kid\":\"" + m + "\"}") + "." + payload + "." + signature);
        tokens.add(json("{\"alg\":256,\"kid\":\"" + m + "\"}") + "." + payload + "." + signature);
        tokens.add(json("not json " + m) + "." + payload + "." + signature);
        tokens.add(valid.encodedHeader() + "." + json("not json " + m) + "." + signature);
        tokens.add(m + "%%." + m + "@@." + m + "##");
        tokens.add(input);
        tokens.add(issuer.token("RS256").header("kid", m + "k".repeat(10_000)).compact());
        tokens.add(issuer.token("RS256").header("kid", m).compact());
        tokens.add(issuer.token("RS256")
                .claim("sub", m)
                .expiringAt(Steps.now() - 3600)
                .compact());
        tokens.add(
                issuer.token("RS256").claim("iss", "https://" + m + ".example").compact());
        tokens.add(issuer.token("RS256").claim("sub", m).claim("aud", m).compact());
        tokens.add(
                issuer.token("RS256").claim("sub", m).signedBy(issuer.attacker).compact());
        tokens.add(issuer.token("RS256")
                .claim("sub", m)
                .header("crit", List.of(m))
                .header(m, true)
                .compact());
        tokens.add(issuer.token("RS256")
                .claim("sub", m)
                .header("alg", "HS256")
                .hmacWith(issuer.rsa1.publicPem().getBytes(StandardCharsets.US_ASCII))
                .compact());
        tokens.add(input + "." + signature + "." + b64(m.getBytes(StandardCharsets.US_ASCII)) + ".AAAA");
        return tokens;
    }

    private static String json(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }
}
