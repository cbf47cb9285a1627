package com.example.jwt.micronaut;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.JwtClaimsValidatorConfiguration;
import jakarta.inject.Named;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The settings, from the variables of the app interface, checked at startup (a {@link Context} bean) so that an error
 * names the variable. The issuer, audience and JWKS URI are Micronaut Security's own properties in application.yml
 * ({@code claims-validators.issuer}, {@code claims-validators.audience}, {@code signatures.jwks.issuer.url}); the
 * rest, which Micronaut Security has no property for, are the {@code jwt.*} properties Micronaut reads from the
 * variables (JWT_CLOCK_SKEW_SECONDS is jwt.clock-skew-seconds). Micronaut would take an empty issuer, and would
 * report a bad number by its property name, after the server has started binding.
 *
 * <p>Contract: CFG-1, CFG-2, CLM-4, GW-1, GW-2, GW-3; the default clock skew of CLM-2 and CLM-3 (60 s).
 */
@Context
final class JwtSettings {
    private static final Set<String> SUPPORTED =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /** The startup WARN line of an app whose tokens' aud is not checked. */
    static final String ANY_AUDIENCE_WARNING = "JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
            + "tokens this issuer made for any API are accepted";

    private final Map<String, URI> jwksUris = new LinkedHashMap<>();
    private final String audience;
    private final Set<String> algorithms = new LinkedHashSet<>();
    private final Duration clockSkew;
    private final Duration jwksCache;
    private final Duration jwksRefreshMin;
    private final Duration jwksTimeout;
    private final String header;
    private final String requiredScope;

    JwtSettings(
            JwtClaimsValidatorConfiguration claims,
            @Named("issuer") JwksSignatureConfiguration jwks,
            @Value("${jwt.algorithms:EdDSA,RS256,ES256}") String algorithms,
            @Value("${jwt.clock-skew-seconds:60}") String clockSkewSeconds,
            @Value("${jwt.jwks-cache-seconds:300}") String jwksCacheSeconds,
            @Value("${jwt.jwks-refresh-min-seconds:30}") String jwksRefreshMinSeconds,
            @Value("${jwt.jwks-timeout-ms:2000}") String jwksTimeoutMs,
            @Value("${jwt.header:Authorization}") String header,
            @Value("${jwt.required-scope:}") String requiredScope,
            @Value("${jwt.allow-any-audience:}") String allowAnyAudience,
            @Value("${port:8080}") String port) {
        number(port, "PORT", 0, 65_535);
        String issuers = claims.getIssuer() == null ? "" : claims.getIssuer();
        String jwksUri = jwks.getUrl() == null || jwks.getUrl().isBlank()
                ? null
                : jwks.getUrl().strip();
        if (jwksUri != null && issuers.contains(",")) {
            throw new IllegalArgumentException("JWT_JWKS_URI is only allowed with a single JWT_ISSUER (each issuer's "
                    + "keys are fetched from its own /.well-known/jwks.json)");
        }
        for (String issuer : issuers.split(",")) {
            if (!issuer.isBlank()) {
                jwksUris.put(issuer.strip(), checkedJwksUri(jwksUri, issuer.strip()));
            }
        }
        if (jwksUris.isEmpty()) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        this.audience = audience(claims.getAudience(), allowAnyAudience);
        for (String alg : algorithms.split(",")) {
            if (!SUPPORTED.contains(alg.strip())) {
                throw new IllegalArgumentException(
                        "JWT_ALGORITHMS must list asymmetric JWS algorithms (RS256, ES256, EdDSA, ...), not "
                                + alg.strip());
            }
            this.algorithms.add(alg.strip());
        }
        this.clockSkew = Duration.ofSeconds(number(clockSkewSeconds, "JWT_CLOCK_SKEW_SECONDS", 0, 3600));
        this.jwksCache = Duration.ofSeconds(number(jwksCacheSeconds, "JWT_JWKS_CACHE_SECONDS", 0, 86_400));
        this.jwksRefreshMin =
                Duration.ofSeconds(number(jwksRefreshMinSeconds, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400));
        this.jwksTimeout = Duration.ofMillis(number(jwksTimeoutMs, "JWT_JWKS_TIMEOUT_MS", 1, 60_000));
        this.header = header.isBlank() ? "Authorization" : header.strip();
        if (!this.header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        this.requiredScope = requiredScope.isBlank() ? null : requiredScope.strip();
        if (this.requiredScope != null && !this.requiredScope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        if (this.audience == null) { // every variable checked: the app starts
            LoggerFactory.getLogger(JwtSettings.class).warn(ANY_AUDIENCE_WARNING);
        }
    }

    /** Each trusted issuer (JWT_ISSUER, exact strings) and the URI of its keys. */
    Map<String, URI> jwksUris() {
        return jwksUris;
    }

    /** JWT_AUDIENCE, or null when JWT_ALLOW_ANY_AUDIENCE=true: aud is not checked. */
    String audience() {
        return audience;
    }

    Set<String> algorithms() {
        return algorithms;
    }

    Duration clockSkew() {
        return clockSkew;
    }

    Duration jwksCache() {
        return jwksCache;
    }

    Duration jwksRefreshMin() {
        return jwksRefreshMin;
    }

    Duration jwksTimeout() {
        return jwksTimeout;
    }

    String header() {
        return header;
    }

    /** JWT_REQUIRED_SCOPE, or null. */
    String requiredScope() {
        return requiredScope;
    }

    /**
     * CLM-4, CFG-1, CFG-2: JWT_AUDIENCE is required unless JWT_ALLOW_ANY_AUDIENCE is {@code true} (then null, and one
     * WARN line says so); JWT_ALLOW_ANY_AUDIENCE is {@code true} or {@code false}, and {@code true} not beside a
     * JWT_AUDIENCE.
     */
    private static String audience(String jwtAudience, String allowAnyAudience) {
        String audience = jwtAudience == null || jwtAudience.isBlank() ? null : jwtAudience.strip();
        String allowAny = allowAnyAudience.isBlank() ? "false" : allowAnyAudience.strip();
        if (!allowAny.equals("true") && !allowAny.equals("false")) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE must be true or false");
        }
        if (allowAny.equals("true") && audience != null) {
            throw new IllegalArgumentException(
                    "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE: set one of them, not both");
        }
        if (allowAny.equals("false") && audience == null) {
            throw new IllegalArgumentException("JWT_AUDIENCE is required (the aud your API expects, e.g. "
                    + "https://api.example.com), or set JWT_ALLOW_ANY_AUDIENCE=true to accept any aud");
        }
        return audience;
    }

    private static int number(String value, String variable, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
    }

    /** JWT_JWKS_URI, or by default the issuer's {@code /.well-known/jwks.json}. */
    private static URI checkedJwksUri(String value, String issuer) {
        String uri = value != null ? value : issuer.replaceFirst("/$", "") + "/.well-known/jwks.json";
        try {
            URI parsed = new URI(uri);
            if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                value != null
                        ? "JWT_JWKS_URI must be an http(s) URL"
                        : "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set");
    }
}
