package com.example.jwt.micronaut;

import com.example.jwt.nimbus.VerifierSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The settings: the {@code jwt.*} properties, which Micronaut reads from the variables of the app interface
 * (JWT_CLOCK_SKEW_SECONDS is jwt.clock-skew-seconds), bound into this record, with the app interface's defaults. The
 * values stay text here: {@link #verifier()} checks them with the module's {@link VerifierSettings} helpers, whose
 * errors name the variable (Micronaut's own conversion error names the property, once the server is starting);
 * JWT_HEADER and JWT_REQUIRED_SCOPE are checked as the record is made.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, CLM-4, GW-1, GW-2, GW-3; the default clock skew of CLM-2 and CLM-3 (60 s).
 */
@ConfigurationProperties("jwt")
record JwtSettings(
        @Nullable String issuer,
        @Nullable String jwksUri,
        @Nullable String audience,
        @Nullable String allowAnyAudience,
        @Bindable(defaultValue = "EdDSA,RS256,ES256") String algorithms,
        @Bindable(defaultValue = "60") String clockSkewSeconds,
        @Bindable(defaultValue = "300") String jwksCacheSeconds,
        @Bindable(defaultValue = "30") String jwksRefreshMinSeconds,
        @Bindable(defaultValue = "2000") String jwksTimeoutMs,
        @Bindable(defaultValue = "Authorization") String header,
        @Nullable String requiredScope) {

    JwtSettings {
        header = VerifierSettings.header(header);
        requiredScope = VerifierSettings.requiredScope(requiredScope); // null: no scope is required
    }

    /** What the module's verifier needs, checked. */
    VerifierSettings verifier() {
        return new VerifierSettings(
                VerifierSettings.issuers(issuer, jwksUri),
                VerifierSettings.audience(audience, allowAnyAudience),
                VerifierSettings.algorithms(algorithms),
                Duration.ofSeconds(VerifierSettings.wholeNumber("JWT_CLOCK_SKEW_SECONDS", clockSkewSeconds, 0, 3600)),
                Duration.ofSeconds(VerifierSettings.wholeNumber("JWT_JWKS_CACHE_SECONDS", jwksCacheSeconds, 0, 86_400)),
                Duration.ofSeconds(
                        VerifierSettings.wholeNumber("JWT_JWKS_REFRESH_MIN_SECONDS", jwksRefreshMinSeconds, 0, 86_400)),
                Duration.ofMillis(VerifierSettings.wholeNumber("JWT_JWKS_TIMEOUT_MS", jwksTimeoutMs, 1, 60_000)));
    }
}
