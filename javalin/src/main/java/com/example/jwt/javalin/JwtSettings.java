package com.example.jwt.javalin;

import com.example.jwt.jose4j.VerifierSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The app's settings, read from the environment variables of the app interface (Javalin has no configuration system
 * of its own). Every missing or malformed value fails at startup with a message that names its variable (the
 * module's {@link VerifierSettings} helpers check each one); the defaults are those of the app interface (a clock
 * skew of 60 s, and so on).
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2, CLM-4.
 */
record JwtSettings(String host, int port, VerifierSettings verifier, String tokenHeader, String requiredScope) {

    static JwtSettings from(Map<String, String> env) {
        VerifierSettings verifier = new VerifierSettings(
                VerifierSettings.issuers(env.get("JWT_ISSUER"), env.get("JWT_JWKS_URI")),
                VerifierSettings.audience(env.get("JWT_AUDIENCE"), env.get("JWT_ALLOW_ANY_AUDIENCE")),
                VerifierSettings.algorithms(env.getOrDefault("JWT_ALGORITHMS", "EdDSA,RS256,ES256")),
                Duration.ofSeconds(integer(env, "JWT_CLOCK_SKEW_SECONDS", 60, 0, 3600)),
                Duration.ofSeconds(integer(env, "JWT_JWKS_CACHE_SECONDS", 300, 0, 86_400)),
                Duration.ofSeconds(integer(env, "JWT_JWKS_REFRESH_MIN_SECONDS", 30, 0, 86_400)),
                Duration.ofMillis(integer(env, "JWT_JWKS_TIMEOUT_MS", 2000, 1, 60_000)));
        return new JwtSettings(
                env.getOrDefault("HOST", "0.0.0.0"),
                integer(env, "PORT", 8080, 0, 65535),
                verifier,
                VerifierSettings.header(env.getOrDefault("JWT_HEADER", "Authorization")),
                VerifierSettings.requiredScope(env.get("JWT_REQUIRED_SCOPE")));
    }

    /** A whole number from {@code min} to {@code max}, or the default when the variable is unset or blank. */
    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : VerifierSettings.wholeNumber(name, value, min, max);
    }
}
