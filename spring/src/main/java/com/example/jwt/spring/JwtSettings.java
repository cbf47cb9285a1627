package com.example.jwt.spring;

import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.SECONDS;

import com.example.jwt.nimbus.VerifierSettings;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The settings Boot has no property for, bound from {@code jwt.*} (application.yaml reads them from the variables of
 * the app interface) into this record, typed and validated; each error names the variable, since each property is
 * named after it (jwt.clock-skew-seconds is JWT_CLOCK_SKEW_SECONDS, Boot's own rule for environment variables),
 * which {@link Main#variableNames} relies on. The JWKS URI, audience and algorithms are Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties ({@link OAuth2ResourceServerProperties}); the
 * issuers are {@code jwt.issuers}, a list (GW-1), where Boot's {@code issuer-uri} is one issuer: a Boot user who sets
 * that one instead gets it as the only issuer. {@link #verifier} checks them with the module's helpers.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1, CLM-2, CLM-3, CLM-4.
 */
@ConfigurationProperties("jwt")
@Validated
record JwtSettings(
        List<String> issuers,

        @NotNull
        @DurationUnit(SECONDS)
        @DurationMin(seconds = 0, message = HOUR)
        @DurationMax(hours = 1, message = HOUR)
        Duration clockSkewSeconds,

        @NotNull @DurationUnit(SECONDS) @DurationMin(seconds = 0, message = DAY) @DurationMax(days = 1, message = DAY)
        Duration jwksCacheSeconds,

        @NotNull @DurationUnit(SECONDS) @DurationMin(seconds = 0, message = DAY) @DurationMax(days = 1, message = DAY)
        Duration jwksRefreshMinSeconds,

        @NotNull
        @DurationUnit(MILLIS)
        @DurationMin(millis = 1, message = MINUTE)
        @DurationMax(minutes = 1, message = MINUTE)
        Duration jwksTimeoutMs,

        @Pattern(regexp = VerifierSettings.HEADER_NAME, message = "must be an HTTP header name, e.g. X-Service-Token")
        String header,

        @Pattern(regexp = VerifierSettings.SCOPE, message = "must be one scope (printable, no spaces or quotes)")
        String requiredScope,

        @Pattern(regexp = "true|false", message = "must be true or false")
        String allowAnyAudience) {

    private static final String HOUR = "must be a whole number from 0 to 3600";
    private static final String DAY = "must be a whole number from 0 to 86400";
    private static final String MINUTE = "must be a whole number from 1 to 60000";

    JwtSettings {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        header = header == null || header.isBlank() ? "Authorization" : header.strip();
        requiredScope = requiredScope == null || requiredScope.isBlank() ? null : requiredScope.strip();
        allowAnyAudience = allowAnyAudience == null || allowAnyAudience.isBlank() ? "false" : allowAnyAudience.strip();
    }

    /**
     * What the module's verifier needs: these settings and Boot's, checked. Every error names its variable, as an
     * invalid property, which Boot reports without a stack trace.
     */
    VerifierSettings verifier(OAuth2ResourceServerProperties.Jwt boot) {
        try {
            return checked(boot);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("jwt", null, e.getMessage());
        }
    }

    private VerifierSettings checked(OAuth2ResourceServerProperties.Jwt boot) {
        String issuerList = String.join(",", issuers);
        if (boot.getIssuerUri() != null && !boot.getIssuerUri().isBlank()) {
            if (!issuerList.isBlank()) {
                throw new IllegalArgumentException("JWT_ISSUER and Boot's issuer-uri are both set: set one of them");
            }
            issuerList = boot.getIssuerUri();
        }
        return new VerifierSettings(
                VerifierSettings.issuers(issuerList, boot.getJwkSetUri()),
                VerifierSettings.audience(String.join(",", boot.getAudiences()), allowAnyAudience),
                VerifierSettings.algorithms(String.join(",", boot.getJwsAlgorithms())),
                clockSkewSeconds,
                jwksCacheSeconds,
                jwksRefreshMinSeconds,
                jwksTimeoutMs);
    }
}
