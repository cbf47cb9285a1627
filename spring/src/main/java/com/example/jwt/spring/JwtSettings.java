package com.example.jwt.spring;

import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.SECONDS;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The settings, which application.yaml reads from the variables of the app interface. Boot binds and validates the
 * {@code jwt.*} ones into this record, typed; the issuer, JWKS URI, audiences and algorithms are Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties ({@link OAuth2ResourceServerProperties}), checked by
 * the static methods here. Every error names the variable, not the property: each {@code jwt.*} property is named
 * after its variable (jwt.clock-skew-seconds is JWT_CLOCK_SKEW_SECONDS, Boot's own rule for environment variables),
 * which {@link Main#variableNames} relies on, and Boot's properties get messages of their own.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1, CLM-2, CLM-3, CLM-4.
 */
@ConfigurationProperties("jwt")
@Validated
record JwtSettings(
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

        @Pattern(regexp = HEADER_NAME, message = "must be an HTTP header name, e.g. X-Service-Token")
        String header,

        @Pattern(regexp = SCOPE, message = "must be one scope (printable, no spaces or quotes)")
        String requiredScope,

        @Pattern(regexp = "true|false", message = "must be true or false")
        String allowAnyAudience) {

    private static final String HOUR = "must be a whole number from 0 to 3600";
    private static final String DAY = "must be a whole number from 0 to 86400";
    private static final String MINUTE = "must be a whole number from 1 to 60000";
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String SCOPE = "[\\x21\\x23-\\x5B\\x5D-\\x7E]*";

    JwtSettings {
        header = header == null || header.isBlank() ? "Authorization" : header.strip();
        requiredScope = requiredScope == null || requiredScope.isBlank() ? null : requiredScope.strip();
        allowAnyAudience = allowAnyAudience == null || allowAnyAudience.isBlank() ? "false" : allowAnyAudience.strip();
    }

    /** The startup WARN line of an app whose tokens' aud is not checked. */
    static final String ANY_AUDIENCE_WARNING = "JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
            + "tokens this issuer made for any API are accepted";

    private static final Set<String> SUPPORTED =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /**
     * Each trusted issuer and the URL of its keys. JWT_ISSUER ({@code issuer-uri}) may be a comma-separated list:
     * Boot's own decoder would take it for one URI and fetch its discovery document, but JwtDecoderConfiguration's
     * replaces it.
     */
    static Map<String, URL> jwksUris(OAuth2ResourceServerProperties.Jwt boot) {
        String issuers = Objects.requireNonNullElse(boot.getIssuerUri(), "");
        String jwksUri = boot.getJwkSetUri() == null || boot.getJwkSetUri().isBlank() ? null : boot.getJwkSetUri();
        if (jwksUri != null && issuers.contains(",")) {
            throw invalid(
                    "jwk-set-uri",
                    jwksUri,
                    "JWT_JWKS_URI is only allowed with a single JWT_ISSUER (each "
                            + "issuer's keys are fetched from its own /.well-known/jwks.json)");
        }
        Map<String, URL> uris = new LinkedHashMap<>();
        for (String issuer : issuers.split(",")) {
            if (!issuer.isBlank()) {
                uris.put(issuer.strip(), checkedJwksUri(jwksUri, issuer.strip()));
            }
        }
        if (uris.isEmpty()) {
            throw invalid(
                    "issuer-uri", issuers, "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        return uris;
    }

    /** JWT_ALGORITHMS ({@code jws-algorithms}): asymmetric JWS algorithms only. */
    static Set<String> algorithms(OAuth2ResourceServerProperties.Jwt boot) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (String alg : boot.getJwsAlgorithms()) {
            if (!SUPPORTED.contains(alg.strip())) {
                throw invalid(
                        "jws-algorithms",
                        alg,
                        "JWT_ALGORITHMS must list asymmetric JWS algorithms (RS256, " + "ES256, EdDSA, ...), not "
                                + alg.strip());
            }
            algorithms.add(alg.strip());
        }
        if (algorithms.isEmpty()) {
            throw invalid("jws-algorithms", "", "JWT_ALGORITHMS must list at least one algorithm, e.g. RS256");
        }
        return algorithms;
    }

    /**
     * JWT_AUDIENCE ({@code audiences}), required unless JWT_ALLOW_ANY_AUDIENCE is {@code true}: then it must be unset,
     * and the result is empty (aud is not checked).
     */
    static List<String> audiences(OAuth2ResourceServerProperties.Jwt boot, JwtSettings settings) {
        List<String> audiences = boot.getAudiences().stream()
                .filter(audience -> !audience.isBlank())
                .map(String::strip)
                .toList();
        boolean anyAudience = settings.allowAnyAudience().equals("true");
        if (anyAudience && !audiences.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(
                    "jwt.allow-any-audience",
                    "true",
                    "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE: set one of them, not both");
        }
        if (!anyAudience && audiences.isEmpty()) {
            throw invalid(
                    "audiences",
                    "",
                    "JWT_AUDIENCE is required (the aud your API expects, e.g. https://api.example.com), or set "
                            + "JWT_ALLOW_ANY_AUDIENCE=true to accept any aud");
        }
        return audiences;
    }

    /** JWT_JWKS_URI, or by default the issuer's {@code /.well-known/jwks.json}. */
    private static URL checkedJwksUri(String value, String issuer) {
        String uri = value != null ? value : issuer.replaceFirst("/$", "") + "/.well-known/jwks.json";
        try {
            URI parsed = new URI(uri);
            if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null) {
                return parsed.toURL();
            }
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException ignored) {
            // reported below
        }
        throw value != null
                ? invalid("jwk-set-uri", value, "JWT_JWKS_URI must be an http(s) URL")
                : invalid("issuer-uri", issuer, "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set");
    }

    /** An invalid Boot property, which Boot reports as such (no stack trace); its reason names the variable. */
    private static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(
                "spring.security.oauth2.resourceserver.jwt." + property, value, reason);
    }
}
