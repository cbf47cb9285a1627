package com.example.jwt.contract;

import java.util.Map;

/**
 * Cases an app fails for a reason its framework's maintainers would accept. Each entry names the case ID, and the
 * README shows the list. A listed case that starts passing fails the suite, so the list stays true.
 */
public final class KnownDeviations {
    private static final Map<String, Map<String, String>> LIST = Map.of();

    private KnownDeviations() {}

    /** The reason this framework deviates from this case, or null. */
    public static String reason(String framework, String caseId) {
        return LIST.getOrDefault(framework, Map.of()).get(caseId);
    }

    public static Map<String, Map<String, String>> all() {
        return LIST;
    }
}
