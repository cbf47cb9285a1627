package com.example.jwt.contract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP answer of the app under test, with how long it took. Header names are lower case. */
public record Answer(int status, Map<String, List<String>> headers, String body, long millis) {

    public Answer {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(
                        name.toLowerCase(java.util.Locale.ROOT), n -> new java.util.ArrayList<>())
                .addAll(values));
        headers = lower;
    }

    public List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    public String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Everything a client sees, for "nothing secret is echoed" checks. */
    public String everything() {
        return headers + "\n" + body;
    }

    /** A short description for failure messages: never the body of a successful answer, which holds claims. */
    public String describe() {
        if (status >= 200 && status < 300) {
            return "HTTP " + status;
        }
        String b = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return "HTTP " + status + " " + headers.getOrDefault("www-authenticate", List.of()) + " " + b;
    }
}
