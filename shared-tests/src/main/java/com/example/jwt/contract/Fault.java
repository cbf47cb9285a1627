package com.example.jwt.contract;

import java.time.Duration;

/** How the mock issuer's JWKS endpoint misbehaves. */
public record Fault(Kind kind, int status, Duration delay) {
    public enum Kind {
        NONE,
        STATUS,
        DELAY,
        HANG,
        GARBAGE,
        EMPTY
    }

    public static Fault none() {
        return new Fault(Kind.NONE, 200, Duration.ZERO);
    }

    /** Answers with this HTTP status and no key set. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, Duration.ZERO);
    }

    /** Answers correctly, but only after this delay. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 200, delay);
    }

    /** Accepts the connection and never answers. */
    public static Fault hang() {
        return new Fault(Kind.HANG, 0, Duration.ZERO);
    }

    /** Answers 200 with a body that is not a JWKS. */
    public static Fault garbage() {
        return new Fault(Kind.GARBAGE, 200, Duration.ZERO);
    }

    /** Answers 200 with an empty key set. */
    public static Fault emptyKeySet() {
        return new Fault(Kind.EMPTY, 200, Duration.ZERO);
    }
}
