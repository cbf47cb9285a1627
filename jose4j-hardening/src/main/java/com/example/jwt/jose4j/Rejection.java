package com.example.jwt.jose4j;

/**
 * A refusal, as RFC 6750 §3 answers it: a status, a {@code WWW-Authenticate: Bearer} challenge, and a JSON body with
 * {@code error} and a fixed, generic {@code error_description}. Each app writes it in its framework's way. It replaces
 * jose4j's exception messages, which quote the token's claims, and the frameworks' default 401 and 500 pages.
 *
 * <p>Contract: ANS-2..ANS-7, BRR-3, BRR-4, JWKS-4, GW-3.
 */
public final class Rejection extends Exception {
    private final int status;
    private final String error;
    private final String description;
    private final String challenge;
    private final String retryAfterSeconds;

    private Rejection(int status, String error, String description, String challenge, String retryAfterSeconds) {
        super(error, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
        this.error = error;
        this.description = description;
        this.challenge = challenge;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** No credentials: 401 with a bare challenge, no error code (ANS-2). */
    public static Rejection noToken() {
        return new Rejection(401, "unauthorized", "Bearer token required", "Bearer", null);
    }

    /** Credentials that are not a token68 value: 400 (BRR-3). */
    public static Rejection malformed() {
        return invalidRequest("Malformed bearer credentials");
    }

    /** The credential header sent more than once: 400 (BRR-4). */
    public static Rejection ambiguous() {
        return invalidRequest("More than one credential");
    }

    /** A token that does not verify: 401 invalid_token (ANS-3). */
    public static Rejection invalidToken(boolean expired) {
        String description = expired ? "The access token expired" : "The access token is invalid";
        return new Rejection(401, "invalid_token", description, challenge("invalid_token", description), null);
    }

    /** A valid token without the required scope: 403, naming the scope as RFC 6750 §3.1 does (GW-3). */
    public static Rejection insufficientScope(String scope) {
        return new Rejection(
                403,
                "insufficient_scope",
                "The access token lacks the required scope",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"",
                null);
    }

    /** The keys could not be fetched: 503, try again after the refresh interval (JWKS-4). */
    public static Rejection keysUnavailable(long retryAfterSeconds) {
        return new Rejection(
                503,
                "temporarily_unavailable",
                "The signing keys are unavailable, try again later",
                null,
                String.valueOf(Math.max(1, retryAfterSeconds)));
    }

    private static Rejection invalidRequest(String description) {
        return new Rejection(400, "invalid_request", description, challenge("invalid_request", description), null);
    }

    private static String challenge(String error, String description) {
        return "Bearer error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} value, or null (503). */
    public String challenge() {
        return challenge;
    }

    /** The {@code Retry-After} value, or null. */
    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The body: our own constants only, so nothing needs escaping. */
    public String json() {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }
}
