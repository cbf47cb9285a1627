package com.example.jwt.contract;

/**
 * One thing a case found wrong: the requirement of CONTRACT.md it breaks, what that means ({@link Consequence}), and
 * what happened. {@code alg} names the algorithm of a valid token that was refused, so that a refusal caused by an
 * algorithm the app does not accept is counted once, under the algorithm's own case.
 */
public record Finding(String requirement, Consequence consequence, String message, String alg) {

    public Finding(String requirement, Consequence consequence, String message) {
        this(requirement, consequence, message, null);
    }

    /** {@code CLM-2: a token without exp must be rejected; it got 200}. */
    public String line() {
        return requirement + ": " + message;
    }
}
