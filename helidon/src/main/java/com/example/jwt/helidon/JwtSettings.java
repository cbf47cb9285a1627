package com.example.jwt.helidon;

import com.example.jwt.jose4j.VerifierSettings;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Locale;

/**
 * The app's settings, from Helidon config: application.yaml, overridden by the environment variables through
 * Helidon's own mapping (see {@link Main#config}). Each value is read by its variable's name, so that every missing
 * or malformed value fails at startup with a message that names the variable, not the key (the module's
 * {@link VerifierSettings} helpers check each one).
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2, CLM-4.
 */
record JwtSettings(String host, int port, VerifierSettings verifier, String tokenHeader, String requiredScope) {

    static JwtSettings from(Config config) {
        VerifierSettings verifier = new VerifierSettings(
                VerifierSettings.issuers(string(config, "JWT_ISSUER"), string(config, "JWT_JWKS_URI")),
                VerifierSettings.audience(string(config, "JWT_AUDIENCE"), string(config, "JWT_ALLOW_ANY_AUDIENCE")),
                VerifierSettings.algorithms(string(config, "JWT_ALGORITHMS")),
                Duration.ofSeconds(integer(config, "JWT_CLOCK_SKEW_SECONDS", 0, 3600)),
                Duration.ofSeconds(integer(config, "JWT_JWKS_CACHE_SECONDS", 0, 86_400)),
                Duration.ofSeconds(integer(config, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400)),
                Duration.ofMillis(integer(config, "JWT_JWKS_TIMEOUT_MS", 1, 60_000)));
        String header = VerifierSettings.header(string(config, "JWT_HEADER"));
        String scope = VerifierSettings.requiredScope(string(config, "JWT_REQUIRED_SCOPE"));
        return new JwtSettings(string(config, "HOST"), integer(config, "PORT", 0, 65535), verifier, header, scope);
    }

    /**
     * The config key a variable sets in Helidon's mapping: its name in lower case with {@code .} for {@code _}
     * (JWT_JWKS_URI is jwt.jwks.uri); HOST and PORT set server.host and server.port.
     */
    static String key(String variable) {
        return switch (variable) {
            case "HOST" -> "server.host";
            case "PORT" -> "server.port";
            default -> variable.toLowerCase(Locale.ROOT).replace('_', '.');
        };
    }

    /** The value of a variable's key, or null when it is absent or blank. */
    private static String string(Config config, String variable) {
        return config.get(key(variable))
                .asString()
                .filter(s -> !s.isBlank())
                .map(String::strip)
                .orElse(null);
    }

    /** A whole number from {@code min} to {@code max}; application.yaml holds the defaults. */
    private static int integer(Config config, String variable, int min, int max) {
        return VerifierSettings.wholeNumber(variable, string(config, variable), min, max);
    }
}
