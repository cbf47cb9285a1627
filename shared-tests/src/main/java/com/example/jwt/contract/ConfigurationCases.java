package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.launcher;
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
        return cases.list();
    }
}
