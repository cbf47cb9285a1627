package com.example.jwt.issuer;

import java.time.Duration;

/** How the mock issuer's JWKS endpoint misbehaves. */
public record Fault(Kind kind, int status, Duration delay) {
    public enum Kind {
        NONE,
        STATUS,
        DELAY,
        HANG,
        GARBAGE,
        EMPTY,
        HOLD,
        DRIP_BODY,
        DRIP_CHUNKS
    }

    /** How long a dripping answer waits between two bytes: its whole body would take minutes. */
    public static final Duration DRIP_PAUSE = Duration.ofMillis(100);

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

    /**
     * Holds every JWKS request until {@link MockIssuer#release()}, then answers it correctly: a case decides when the
     * first fetch ends (after it has sent every concurrent request), instead of hoping for it.
     */
    public static Fault hold() {
        return new Fault(Kind.HOLD, 200, Duration.ZERO);
    }

    /** Sends the status line and headers (with the Content-Length) at once, then the body one byte at a time. */
    public static Fault dripBody() {
        return new Fault(Kind.DRIP_BODY, 200, DRIP_PAUSE);
    }

    /** Sends the status line and headers at once, then the body in chunks of one byte (chunked transfer coding). */
    public static Fault dripChunks() {
        return new Fault(Kind.DRIP_CHUNKS, 200, DRIP_PAUSE);
    }

    /** Answers 200 with an empty key set. */
    public static Fault emptyKeySet() {
        return new Fault(Kind.EMPTY, 200, Duration.ZERO);
    }
}
