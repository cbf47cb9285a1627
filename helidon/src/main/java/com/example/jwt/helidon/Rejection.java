package com.example.jwt.helidon;

/**
 * ANS-2..ANS-7, JWKS-4, GW-3: every refusal, as RFC 6750 §3 answers it: a status, a {@code WWW-Authenticate: Bearer}
 * challenge, and a JSON body with {@code error} and a generic {@code error_description}. It replaces jose4j's
 * exception messages, which quote the token's claims, and the frameworks' default 401/500 pages.
 */
final class Rejection extends Exception {
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

    /** ANS-2: no credentials: a bare challenge, no error code. */
    static Rejection noToken() {
        return new Rejection(401, "unauthorized", "Bearer token required", "Bearer", null);
    }

    /** BRR-3: not a token68 value. */
    static Rejection malformed() {
        return invalidRequest("Malformed bearer credentials");
    }

    /** BRR-4: the credential header sent more than once. */
    static Rejection ambiguous() {
        return invalidRequest("More than one credential");
    }

    /** ANS-3: a token that does not verify. */
    static Rejection invalidToken(boolean expired) {
        String description = expired ? "The access token expired" : "The access token is invalid";
        return new Rejection(401, "invalid_token", description, challenge("invalid_token", description), null);
    }

    /** GW-3: a valid token without the required scope (RFC 6750 §3.1 names the scope). */
    static Rejection insufficientScope(String scope) {
        return new Rejection(
                403,
                "insufficient_scope",
                "The access token lacks the required scope",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"",
                null);
    }

    /** JWKS-4: the keys could not be fetched: 503, try again after the refresh interval. */
    static Rejection keysUnavailable(int retryAfterSeconds) {
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

    int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} value, or null (503). */
    String challenge() {
        return challenge;
    }

    /** The {@code Retry-After} value, or null. */
    String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The body: our own constants only, so nothing needs escaping. */
    String json() {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }
}
