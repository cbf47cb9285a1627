package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.launcher;
import static com.example.jwt.contract.Case.Setup.process;
import static com.example.jwt.contract.Steps.expectStartupError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration: CFG-1 and CFG-2 of CONTRACT.md. */
final class ConfigurationCases {
    private ConfigurationCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("configuration");
        cases.add("CFG-1.1", "a missing JWT_ISSUER stops the app at startup, naming the variable", launcher(), t -> {
            Map<String, String> env = new LinkedHashMap<>(t.env);
            env.remove("JWT_ISSUER");
            expectStartupError(t, env, "JWT_ISSUER", "CFG-1");
        });
        cases.add("CFG-1.2", "a missing JWT_AUDIENCE stops the app at startup, naming the variable", launcher(), t -> {
            Map<String, String> env = new LinkedHashMap<>(t.env);
            env.remove("JWT_AUDIENCE");
            expectStartupError(t, env, "JWT_AUDIENCE", "CFG-1");
        });
        cases.add(
                "CFG-1.3",
                "as a process, a missing JWT_ISSUER or JWT_AUDIENCE exits non-zero, naming it, with no stack trace",
                process(),
                t -> {
                    for (String variable : List.of("JWT_ISSUER", "JWT_AUDIENCE")) {
                        Map<String, String> env = new LinkedHashMap<>(t.env);
                        env.remove(variable);
                        expectExit(t, env, variable);
                    }
                });
        cases.add("CFG-2.1", "a malformed value stops the app at startup, naming the variable", launcher(), t -> {
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
                expectStartupError(t, env, pair[0], "CFG-2");
            }
        });
        cases.add(
                "CFG-2.2",
                "JWT_ALLOW_ANY_AUDIENCE other than true or false, or true beside JWT_AUDIENCE, stops the app",
                launcher(),
                t -> {
                    Map<String, String> notBoolean = new LinkedHashMap<>(t.env);
                    notBoolean.remove("JWT_AUDIENCE");
                    notBoolean.put("JWT_ALLOW_ANY_AUDIENCE", "yes");
                    expectStartupError(t, notBoolean, "JWT_ALLOW_ANY_AUDIENCE", "CFG-2");
                    Map<String, String> both = new LinkedHashMap<>(t.env);
                    both.put("JWT_ALLOW_ANY_AUDIENCE", "true");
                    expectStartupError(t, both, "JWT_ALLOW_ANY_AUDIENCE", "CFG-2");
                });
        return cases.list();
    }

    /** Starts the app as a process with this variable missing: it must exit non-zero, name it, print no stack. */
    private static void expectExit(Target t, Map<String, String> env, String variable) throws Exception {
        RunningApp app;
        try {
            app = t.launchProcess(env);
        } catch (Exception e) {
            if (!(e instanceof Launcher.Exited exited) || exited.exitStatus() < 0) {
                Expect.record(
                        "CFG-1",
                        Consequence.CONFIGURATION,
                        "without " + variable + " the app neither served nor exited: " + Http.rootMessage(e));
                return;
            }
            List<String> lines = exited.output();
            if (exited.exitStatus() == 0) {
                Expect.record("CFG-1", Consequence.CONFIGURATION, "without " + variable + " the app exited with 0");
            }
            if (lines.stream().noneMatch(l -> l.contains(variable))) {
                Expect.record(
                        "CFG-1",
                        Consequence.CONFIGURATION,
                        "without " + variable + " the app exited, but no line of its output names " + variable);
            }
            String stack = ProcessOutput.stackTraceLine(lines);
            if (stack != null) {
                Expect.record(
                        "CFG-1",
                        Consequence.CONFIGURATION,
                        "without " + variable + " the app printed a stack trace, not one clear line: "
                                + ProcessOutput.quote(stack));
            }
            return;
        }
        app.close();
        Expect.record(
                "CFG-1",
                Consequence.CONFIGURATION,
                "the app started without " + variable + "; it must stop at startup naming the variable");
    }
}
