package com.example.jwt.quarkus;

import com.example.jwt.jose4j.VerifierSettings;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings, from the variables of the app interface, checked at startup so that an error names the variable.
 * Quarkus reads each variable as a property (JWT_CLOCK_SKEW_SECONDS as jwt.clock-skew-seconds); they come in as text
 * and are parsed by the module's {@link VerifierSettings} helpers, because Quarkus would report a bad number by its
 * property name. HOST and PORT go to {@code quarkus.http.*} in application.properties.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2.
 */
@Startup
@Singleton
public class JwtSettings {
    private final VerifierSettings verifier;
    private final String header;
    private final String requiredScope;

    JwtSettings(
            @ConfigProperty(name = "jwt.issuer") Optional<String> issuer,
            @ConfigProperty(name = "jwt.audience") Optional<String> audience,
            @ConfigProperty(name = "jwt.allow-any-audience", defaultValue = "false") String allowAnyAudience,
            @ConfigProperty(name = "jwt.jwks-uri") Optional<String> jwksUri,
            @ConfigProperty(name = "jwt.algorithms", defaultValue = "EdDSA,RS256,ES256") String algorithms,
            @ConfigProperty(name = "jwt.clock-skew-seconds", defaultValue = "60") String clockSkew,
            @ConfigProperty(name = "jwt.jwks-cache-seconds", defaultValue = "300") String jwksCache,
            @ConfigProperty(name = "jwt.jwks-refresh-min-seconds", defaultValue = "30") String jwksRefreshMin,
            @ConfigProperty(name = "jwt.jwks-timeout-ms", defaultValue = "2000") String jwksTimeout,
            @ConfigProperty(name = "jwt.header", defaultValue = "Authorization") String header,
            @ConfigProperty(name = "jwt.required-scope") Optional<String> requiredScope) {
        this.verifier = new VerifierSettings(
                VerifierSettings.issuers(issuer.orElse(null), jwksUri.orElse(null)),
                audience(audience.map(String::strip).orElse(""), allowAnyAudience.strip()),
                VerifierSettings.algorithms(algorithms),
                Duration.ofSeconds(VerifierSettings.wholeNumber("JWT_CLOCK_SKEW_SECONDS", clockSkew, 0, 3600)),
                Duration.ofSeconds(VerifierSettings.wholeNumber("JWT_JWKS_CACHE_SECONDS", jwksCache, 0, 86_400)),
                Duration.ofSeconds(
                        VerifierSettings.wholeNumber("JWT_JWKS_REFRESH_MIN_SECONDS", jwksRefreshMin, 0, 86_400)),
                Duration.ofMillis(VerifierSettings.wholeNumber("JWT_JWKS_TIMEOUT_MS", jwksTimeout, 1, 60_000)));
        this.header = VerifierSettings.header(header);
        this.requiredScope = VerifierSettings.requiredScope(requiredScope.orElse(null));
    }

    /** JWT_AUDIENCE, required unless JWT_ALLOW_ANY_AUDIENCE=true (then null: aud not checked). CFG-1, CFG-2. */
    private static String audience(String audience, String any) {
        if (!"true".equals(any) && !"false".equals(any) && !any.isEmpty()) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE must be true or false");
        }
        if ("true".equals(any)) {
            if (!audience.isEmpty()) {
                throw new IllegalArgumentException(
                        "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE (set one of them, not both)");
            }
            org.jboss.logging.Logger.getLogger(JwtSettings.class)
                    .warn("JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
                            + "tokens this issuer made for any API are accepted");
            return null;
        }
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("JWT_AUDIENCE is required (the aud this API expects, e.g. "
                    + "https://api.example.com), unless JWT_ALLOW_ANY_AUDIENCE=true");
        }
        return audience;
    }

    /** What the jose4j verifier needs: issuers and their keys, audience, algorithms, clock skew, JWKS timings. */
    VerifierSettings verifier() {
        return verifier;
    }

    /** The header that carries the token (JWT_HEADER). */
    String header() {
        return header;
    }

    /** JWT_REQUIRED_SCOPE, or null. */
    String requiredScope() {
        return requiredScope;
    }

    /** PORT, checked before Quarkus reads it as quarkus.http.port (which would not name the variable). */
    static void checkPort(String port) {
        if (port != null && !port.isBlank()) {
            VerifierSettings.wholeNumber("PORT", port, 0, 65_535);
        }
    }
}
