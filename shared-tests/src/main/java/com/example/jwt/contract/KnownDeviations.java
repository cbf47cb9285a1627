package com.example.jwt.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Cases an app fails for a reason its framework's maintainers would accept. Each entry names the app, the case, the
 * reason, and the way the case is expected to fail: the findings it records (requirement, consequence, and a part of
 * the message). The runner holds the app to exactly those findings: a listed case that passes, or that fails in any
 * other way (another finding, or one of the expected findings missing), fails the run. CONTRACT.md and the README list
 * the entries; {@code ContractCasesTest} checks that they do.
 */
public final class KnownDeviations {

    /** One finding the deviating case is expected to record; {@code says} is a part of its message. */
    public record Expected(String requirement, Consequence consequence, String says) {
        boolean matches(Finding f) {
            return f.requirement().equals(requirement)
                    && f.consequence() == consequence
                    && f.message().contains(says);
        }

        @Override
        public String toString() {
            return requirement + " " + consequence.label() + " \"" + says + "\"";
        }
    }

    /** An app that fails a case, why, and how. */
    public record Deviation(String framework, String caseId, String title, String reason, List<Expected> expected) {
        /**
         * Null when these findings are exactly the expected ones (each finding matches one, each expected one is
         * matched); else what differs.
         */
        public String mismatch(List<Finding> findings) {
            List<String> problems = new ArrayList<>();
            for (Finding f : findings) {
                if (expected.stream().noneMatch(e -> e.matches(f))) {
                    problems.add("unexpected " + f.line());
                }
            }
            for (Expected e : expected) {
                if (findings.stream().noneMatch(e::matches)) {
                    problems.add("missing " + e);
                }
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }
    }

    private static final List<Deviation> LIST = List.of(new Deviation(
            "quarkus",
            "ANS-8.4",
            "oversized request headers or targets answer 4xx in JSON",
            "the answer's form only: the status is right (431, 414), the body empty. Quarkus starts the Vert.x HTTP"
                    + " server itself and sets no invalidRequestHandler; Vert.x answers a request its decoder refuses"
                    + " before any Quarkus handler or filter runs, and Quarkus offers no hook for that answer"
                    + " (HttpServerOptionsCustomizer sets options only).",
            List.of(new Expected("ANS-8", Consequence.ANSWER_FORM, "must be application/json"))));

    private KnownDeviations() {}

    /** This framework's deviation from this case, or null. */
    public static Deviation of(String framework, String caseId) {
        return LIST.stream()
                .filter(d -> d.framework().equals(framework) && d.caseId().equals(caseId))
                .findFirst()
                .orElse(null);
    }

    public static List<Deviation> all() {
        return LIST;
    }

    /** The entries as the Markdown table that CONTRACT.md and the README show between their markers. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| app | case | why | how it fails |\n|---|---|---|---|\n");
        for (Deviation d : LIST) {
            table.append("| ")
                    .append(d.framework())
                    .append(" | ")
                    .append(d.caseId())
                    .append(", ")
                    .append(d.title())
                    .append(" | ")
                    .append(d.reason())
                    .append(" | ")
                    .append(String.join(
                            "; ", d.expected().stream().map(Expected::toString).toList()))
                    .append(" |\n");
        }
        return table.toString();
    }
}
