package com.example.jwt.spring;

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
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;

/**
 * CFG-1, CFG-2, GW-1, and the default clock skew of CLM-2 and CLM-3 (60 s): the settings, which application.yaml reads
 * from the variables of the app interface. The issuer, JWKS URI, audiences and algorithms are Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties ({@link OAuth2ResourceServerProperties}); this record
 * binds the {@code jwt.*} ones Boot has no property for. Both are checked here, at startup, so that an error names the
 * variable (JWT_CLOCK_SKEW_SECONDS) where Boot would name the property (jwt.clock-skew-seconds) or take the value as
 * it is (an empty issuer-uri).
 */
@ConfigurationProperties("jwt")
record JwtSettings(
        String clockSkewSeconds,
        String jwksCacheSeconds,
        String jwksRefreshMinSeconds,
        String jwksTimeoutMs,
        String header,
        String requiredScope) {

    private static final Set<String> SUPPORTED =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    JwtSettings {
        header = header == null || header.isBlank() ? "Authorization" : header.strip();
        if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        requiredScope = requiredScope == null || requiredScope.isBlank() ? null : requiredScope.strip();
        if (requiredScope != null && !requiredScope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        seconds(clockSkewSeconds, "JWT_CLOCK_SKEW_SECONDS", 0, 3600);
        seconds(jwksCacheSeconds, "JWT_JWKS_CACHE_SECONDS", 0, 86_400);
        seconds(jwksRefreshMinSeconds, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400);
        seconds(jwksTimeoutMs, "JWT_JWKS_TIMEOUT_MS", 1, 60_000);
    }

    /**
     * Each trusted issuer and the URL of its keys. JWT_ISSUER ({@code issuer-uri}) may be a comma-separated list
     * (GW-1); Boot's own decoder would take it for one URI and fetch its discovery document, but JwtAuth's replaces it.
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

    /** JWT_AUDIENCE ({@code audiences}): empty when unset, and then aud is not checked. */
    static List<String> audiences(OAuth2ResourceServerProperties.Jwt boot) {
        return boot.getAudiences().stream()
                .filter(audience -> !audience.isBlank())
                .toList();
    }

    Duration clockSkew() {
        return Duration.ofSeconds(Integer.parseInt(clockSkewSeconds.strip()));
    }

    Duration jwksCache() {
        return Duration.ofSeconds(Integer.parseInt(jwksCacheSeconds.strip()));
    }

    Duration jwksRefreshMin() {
        return Duration.ofSeconds(Integer.parseInt(jwksRefreshMinSeconds.strip()));
    }

    int jwksTimeoutMillis() {
        return Integer.parseInt(jwksTimeoutMs.strip());
    }

    private static void seconds(String value, String variable, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return;
            }
        } catch (NumberFormatException | NullPointerException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
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
