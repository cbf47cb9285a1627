package com.example.jwt.contract;

import com.example.jwt.issuer.MockIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One contract case: the requirement it checks (CONTRACT.md), what it does, which app it needs, and its body.
 *
 * @param id       requirement ID plus a number, e.g. {@code ALG-1.2}; the known-deviations list uses it
 * @param group    the group, for {@code --only} and for the report
 * @param title    what must be true, in a few words
 * @param setup    which app the case runs against
 * @param body     the checks; they throw {@link ContractFailure}
 */
public record Case(String id, String group, String title, Setup setup, Body body) {

    @FunctionalInterface
    public interface Body {
        void run(Target target) throws Exception;
    }

    /** Which app a case needs. */
    public record Setup(Kind kind, Map<String, String> overrides, Consumer<MockIssuer> beforeStart) {
        public enum Kind {
            /** The one app that all shared cases use, started with the default variables. */
            SHARED,
            /** A new issuer and a new app with the default variables plus these overrides (null removes one). */
            FRESH,
            /** A new issuer; the case starts (or fails to start) apps itself through the launcher. */
            LAUNCHER
        }

        public static Setup shared() {
            return new Setup(Kind.SHARED, Map.of(), issuer -> {});
        }

        /** Variables as name, value pairs; a null value removes the variable. */
        public static Setup fresh(String... variables) {
            return fresh(issuer -> {}, variables);
        }

        public static Setup fresh(Consumer<MockIssuer> beforeStart, String... variables) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i + 1 < variables.length; i += 2) {
                overrides.put(variables[i], variables[i + 1]);
            }
            return new Setup(Kind.FRESH, overrides, beforeStart);
        }

        public static Setup launcher() {
            return new Setup(Kind.LAUNCHER, Map.of(), issuer -> {});
        }
    }
}
