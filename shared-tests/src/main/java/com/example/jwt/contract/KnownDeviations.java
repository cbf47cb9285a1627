package com.example.jwt.contract;

import java.util.Map;

/**
 * Cases an app fails for a reason its framework's maintainers would accept. Each entry names the case ID, and the
 * README shows the list. A listed case that starts passing fails the suite, so the list stays true.
 */
public final class KnownDeviations {
    private static final Map<String, Map<String, String>> LIST = Map.of(
            "quarkus",
            Map.of(
                    "ANS-8.4",
                    "answer form only: the status is right (431, 414), the body is empty. Quarkus starts the Vert.x"
                            + " HTTP server itself and sets no invalidRequestHandler; Vert.x answers a request its"
                            + " decoder refuses before any Quarkus handler or filter runs, and Quarkus offers no hook"
                            + " for that answer (HttpServerOptionsCustomizer sets options only)."));

    private KnownDeviations() {}

    /** The reason this framework deviates from this case, or null. */
    public static String reason(String framework, String caseId) {
        return LIST.getOrDefault(framework, Map.of()).get(caseId);
    }

    public static Map<String, Map<String, String>> all() {
        return LIST;
    }
}
