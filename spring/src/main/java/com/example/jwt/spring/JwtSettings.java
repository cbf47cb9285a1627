package com.example.jwt.spring;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code jwt.*} properties of application.yaml, which reads them from the variables of the app interface. They are
 * bound as text and checked here, so that an error names the variable (JWT_CLOCK_SKEW_SECONDS), not the property.
 */
@ConfigurationProperties("jwt")
record JwtSettings(
        String issuer,
        String jwksUri,
        String audience,
        String algorithms,
        String clockSkewSeconds,
        String jwksCacheSeconds,
        String jwksRefreshMinSeconds,
        String jwksTimeoutMs,
        String header,
        String requiredScope) {

    private static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        audience = audience == null || audience.isBlank() ? null : audience;
        jwksUri = jwksUri == null || jwksUri.isBlank() ? null : jwksUri;
        if (jwksUri != null && issuer.contains(",")) {
            throw new IllegalArgumentException("JWT_JWKS_URI is only allowed with a single JWT_ISSUER (each issuer's "
                    + "keys are fetched from its own /.well-known/jwks.json)");
        }
        for (String one : issuer.split(",")) {
            checkedJwksUri(jwksUri, one.strip());
        }
        header = header == null || header.isBlank() ? "Authorization" : header.strip();
        if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        requiredScope = requiredScope == null || requiredScope.isBlank() ? null : requiredScope.strip();
        if (requiredScope != null && !requiredScope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        algorithms = String.join(",", checkedAlgorithms(algorithms));
        seconds(clockSkewSeconds, "JWT_CLOCK_SKEW_SECONDS", 0, 3600);
        seconds(jwksCacheSeconds, "JWT_JWKS_CACHE_SECONDS", 0, 86_400);
        seconds(jwksRefreshMinSeconds, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400);
        seconds(jwksTimeoutMs, "JWT_JWKS_TIMEOUT_MS", 1, 60_000);
    }

    /** Each trusted issuer (JWT_ISSUER is a comma-separated list) and the URL of its keys. */
    Map<String, String> jwksUris() {
        Map<String, String> uris = new LinkedHashMap<>();
        for (String one : issuer.split(",")) {
            if (!one.isBlank()) {
                uris.put(one.strip(), checkedJwksUri(jwksUri, one.strip()));
            }
        }
        return uris;
    }

    Set<String> algorithmSet() {
        return Set.of(algorithms.split(","));
    }

    Duration clockSkew() {
        return Duration.ofSeconds(Integer.parseInt(clockSkewSeconds));
    }

    Duration jwksCache() {
        return Duration.ofSeconds(Integer.parseInt(jwksCacheSeconds));
    }

    Duration jwksRefreshMin() {
        return Duration.ofSeconds(Integer.parseInt(jwksRefreshMinSeconds));
    }

    int jwksTimeoutMillis() {
        return Integer.parseInt(jwksTimeoutMs);
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
    private static String checkedJwksUri(String value, String issuer) {
        String uri = value != null ? value : issuer.replaceFirst("/$", "") + "/.well-known/jwks.json";
        try {
            URI parsed = new URI(uri);
            if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(value != null ? "JWT_JWKS_URI must be an http(s) URL"
                : "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set");
    }

    private static Set<String> checkedAlgorithms(String value) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (String alg : value.split(",")) {
            if (!SUPPORTED.contains(alg.strip())) {
                throw new IllegalArgumentException("JWT_ALGORITHMS: " + alg.strip() + " is not an asymmetric JWS "
                        + "algorithm (use RS256, ES256, EdDSA, ...)");
            }
            algorithms.add(alg.strip());
        }
        return algorithms;
    }
}
