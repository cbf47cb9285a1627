package com.example.jwt.contract;

import com.example.jwt.issuer.MockIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One contract case: the requirement it checks (CONTRACT.md), what it does, which app it needs, and its body.
 *
 * @param id       requirement ID plus a number, e.g. {@code ALG-1.2}, written literally where the case is declared: it
 *                 never changes when other cases are added; the known-deviations list and the recorded baselines use it
 * @param group    the group, for {@code --only} and for the report
 * @param title    what must be true, in a few words
 * @param setup    which app the case runs against
 * @param body     the checks; they throw {@link ContractFailure}
 */
public record Case(String id, String group, String title, Setup setup, Body body) {

    /** {@code KEY-1} for {@code KEY-1.2}. */
    public String requirement() {
        return requirement(id);
    }

    /** {@code KEY-1} for {@code KEY-1.2}, and {@code CLM-4} for a real-issuer case ({@code CLM-4/other-audience}). */
    public static String requirement(String caseId) {
        int slash = caseId.indexOf('/');
        if (slash > 0) {
            return caseId.substring(0, slash);
        }
        int dot = caseId.lastIndexOf('.');
        return dot < 0 ? caseId : caseId.substring(0, dot);
    }

    @FunctionalInterface
    public interface Body {
        void run(Target target) throws Exception;
    }

    /**
     * Which app a case needs: for FRESH, the default variables with these overrides (a null value removes one) and
     * those {@code computed} from the case's issuer, started after {@code beforeStart} has prepared the issuer.
     */
    public record Setup(
            Kind kind,
            Map<String, String> overrides,
            Consumer<MockIssuer> beforeStart,
            Function<MockIssuer, Map<String, String>> computed) {
        public enum Kind {
            /** The one app that all shared cases use, started with the default variables. */
            SHARED,
            /** A new issuer and a new app with the default variables plus these overrides (null removes one). */
            FRESH,
            /** A new issuer; the case starts (or fails to start) apps itself through the launcher. */
            LAUNCHER,
            /**
             * A new issuer; the case starts the app as an operating-system process ({@link Target#launchProcess}),
             * to read what it prints and how it exits.
             */
            PROCESS
        }

        public static Setup shared() {
            return new Setup(Kind.SHARED, Map.of(), issuer -> {}, issuer -> Map.of());
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
            return new Setup(Kind.FRESH, overrides, beforeStart, issuer -> Map.of());
        }

        /** A new issuer and app, with variables that depend on the issuer (its other servers' URLs). */
        public static Setup freshWith(Function<MockIssuer, Map<String, String>> computed) {
            return new Setup(Kind.FRESH, Map.of(), issuer -> {}, computed);
        }

        public static Setup launcher() {
            return new Setup(Kind.LAUNCHER, Map.of(), issuer -> {}, issuer -> Map.of());
        }

        public static Setup process() {
            return new Setup(Kind.PROCESS, Map.of(), issuer -> {}, issuer -> Map.of());
        }
    }
}
