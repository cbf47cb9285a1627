package com.example.jwt.micronaut;

import com.example.jwt.nimbus.VerifierSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * The settings: the {@code jwt.*} properties, which Micronaut reads from the variables of the app interface
 * (JWT_CLOCK_SKEW_SECONDS is jwt.clock-skew-seconds), bound into this record. The values stay text: the module's
 * {@link VerifierSettings.Variables}, which the record implements, checks them and applies the app interface's
 * defaults, with errors that name the variable (Micronaut's own conversion error names the property, once the server
 * is starting). JWT_HEADER and JWT_REQUIRED_SCOPE are checked as the record is made.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, CLM-4, GW-1, GW-2, GW-3; the default clock skew of CLM-2 and CLM-3 (60 s).
 */
@ConfigurationProperties("jwt")
record JwtSettings(
        Optional<String> issuer,
        Optional<String> jwksUri,
        Optional<String> audience,
        Optional<String> allowAnyAudience,
        Optional<String> algorithms,
        Optional<String> clockSkewSeconds,
        Optional<String> jwksCacheSeconds,
        Optional<String> jwksRefreshMinSeconds,
        Optional<String> jwksTimeoutMs,
        @Nullable String header,
        @Nullable String requiredScope)
        implements VerifierSettings.Variables {

    JwtSettings {
        header = VerifierSettings.header(header == null || header.isBlank() ? "Authorization" : header);
        requiredScope = VerifierSettings.requiredScope(requiredScope); // null: no scope is required
    }
}
