package com.example.jwt.contract;

/**
 * What a failure means for the people who run the service, worst first. A case's verdict (the answer's status class
 * and its timing) decides the first three; an answer whose verdict is right but whose form is wrong is
 * {@link #ANSWER_FORM}.
 */
public enum Consequence {
    /** It accepts a token or a request it must reject: a security failure. */
    LETS_THROUGH("lets through"),
    /** It rejects what it must accept: an interoperability failure. */
    REFUSES_VALID("refuses valid"),
    /**
     * It hangs, answers 5xx, or gives the wrong status when the issuer is down, slow or hostile (or a request is),
     * or it loads the issuer more than it must: an availability failure.
     */
    FAILS_UNDER_FAULTS("fails under faults"),
    /** Bad or missing settings are not stopped at startup. */
    CONFIGURATION("configuration"),
    /** The status class is right, the answer is not: its challenge, JSON body, a cookie, a leak. */
    ANSWER_FORM("answer form");

    private final String label;

    Consequence(String label) {
        this.label = label;
    }

    /** How the ledger names it: "lets through". */
    public String label() {
        return label;
    }

    /** How the recorded files name it: "lets-through". */
    public String key() {
        return label.replace(' ', '-');
    }

    public static Consequence ofKey(String key) {
        for (Consequence c : values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no consequence " + key);
    }
}
