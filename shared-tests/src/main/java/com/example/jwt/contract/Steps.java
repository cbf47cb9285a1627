package com.example.jwt.contract;

import com.example.jwt.issuer.SigningKey;
import com.example.jwt.issuer.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Steps that cases of several sections take: a request and the check of its answer, a wait, a count. */
final class Steps {
    /** Every method but GET and HEAD, a made-up one included. */
    static final List<String> OTHER_METHODS =
            List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FROBNICATE");

    private Steps() {}

    /** The token is accepted (200 with its claims). */
    static void accepts(Target t, Token tok) {
        Expect.accepted(t.bearer(tok.compact()), tok);
    }

    /** The token is rejected (401 invalid_token), nothing of it echoed. */
    static void rejects(Target t, Token tok) {
        String c = tok.compact();
        Expect.invalidToken(t.bearer(c), tok, c);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String b64(byte[] bytes) {
        return SigningKey.b64(bytes);
    }

    /** The secrets of several tokens: token, compact, token, compact... */
    static String[] secrets(Object... tokensAndCompacts) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i + 1 < tokensAndCompacts.length; i += 2) {
            all.addAll(List.of(Expect.secretsOf((Token) tokensAndCompacts[i], (String) tokensAndCompacts[i + 1])));
        }
        return all.toArray(String[]::new);
    }

    /** 401, 404 or 405; a made-up method may also be refused as a bad request by a parser that does not know it. */
    static Set<Integer> refusals(String method) {
        return method.equals("FROBNICATE") ? Set.of(400, 401, 404, 405) : Set.of(401, 404, 405);
    }

    /** POST, PUT and PATCH carry an empty body, so that no server asks for a length. */
    static String[] bodyless(String method) {
        return Set.of("POST", "PUT", "PATCH").contains(method) ? new String[] {"Content-Length: 0"} : new String[0];
    }

    static String[] concat(String[] lines, String... more) {
        List<String> all = new ArrayList<>(List.of(lines));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * The issuer's JWKS was fetched at most max times; more is recorded under this requirement as loading the issuer
     * more than it must. (Fewer than min is no load: an app that fetched nothing has refused the tokens, and that
     * refusal is recorded where it happened.)
     */
    static void expectFetches(Target t, int min, int max, String requirement, String what) {
        int n = t.issuer.jwksFetches();
        if (n > max) {
            Expect.record(
                    requirement,
                    Consequence.FAILS_UNDER_FAULTS,
                    what + " must cost " + (min == max ? "exactly " + min : min + " to " + max)
                            + " JWKS fetch(es); it cost " + n);
        }
    }

    /**
     * Polls with fresh tokens until one is accepted, within this many seconds; the failure carries this consequence
     * (a key that never comes back after an outage fails under faults; a rotated-in key is a refused valid token).
     */
    static void awaitAccepted(
            Target t, Supplier<Token> tokens, int seconds, String requirement, Consequence consequence, String what)
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
        throw Expect.fail(
                requirement,
                consequence,
                what + " must be accepted within " + seconds + " s, without a restart; last answer " + last.describe());
    }

    /** Starting with these variables fails with an error that names the variable (CFG-1, CFG-2, GW-1). */
    static void expectStartupError(Target t, Map<String, String> env, String variable, String requirement) {
        RunningApp app;
        try {
            app = t.launch(env);
        } catch (Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c.getMessage() != null && c.getMessage().contains(variable)) {
                    return;
                }
            }
            Expect.record(
                    requirement,
                    Consequence.CONFIGURATION,
                    "startup with " + variable + "=" + env.get(variable) + " failed, but the error does not name "
                            + variable + ": " + Http.rootMessage(e));
            return;
        }
        app.close();
        Expect.record(
                requirement,
                Consequence.CONFIGURATION,
                "the app started with " + variable + (env.containsKey(variable) ? "=" + env.get(variable) : " unset")
                        + "; it must stop at startup naming the variable");
    }
}
