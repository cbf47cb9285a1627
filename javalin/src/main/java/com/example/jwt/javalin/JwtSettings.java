package com.example.jwt.javalin;

import com.example.jwt.jose4j.VerifierSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The app's settings, read from the environment variables of the app interface (Javalin has no configuration system
 * of its own). Every missing or malformed value fails at startup with a message that names its variable; the
 * defaults are those of the app interface (a clock skew of 60 s, and so on).
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2, CLM-4.
 */
record JwtSettings(String host, int port, VerifierSettings verifier, String tokenHeader, String requiredScope) {

    static JwtSettings from(Map<String, String> env) {
        String issuerList = env.get("JWT_ISSUER");
        if (issuerList == null || issuerList.isBlank()) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        String audience = VerifierSettings.audience(env.get("JWT_AUDIENCE"), env.get("JWT_ALLOW_ANY_AUDIENCE"));
        VerifierSettings verifier = new VerifierSettings(
                issuers(issuerList, env.get("JWT_JWKS_URI")),
                audience,
                algorithms(env.getOrDefault("JWT_ALGORITHMS", "EdDSA,RS256,ES256")),
                Duration.ofSeconds(integer(env, "JWT_CLOCK_SKEW_SECONDS", 60, 0, 3600)),
                Duration.ofSeconds(integer(env, "JWT_JWKS_CACHE_SECONDS", 300, 0, 86_400)),
                Duration.ofSeconds(integer(env, "JWT_JWKS_REFRESH_MIN_SECONDS", 30, 0, 86_400)),
                Duration.ofMillis(integer(env, "JWT_JWKS_TIMEOUT_MS", 2000, 1, 60_000)));
        String header = env.getOrDefault("JWT_HEADER", "Authorization").strip();
        if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        String scope = env.get("JWT_REQUIRED_SCOPE");
        if (scope != null && !scope.isBlank() && !scope.strip().matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        return new JwtSettings(
                env.getOrDefault("HOST", "0.0.0.0"),
                integer(env, "PORT", 8080, 0, 65535),
                verifier,
                header,
                scope == null || scope.isBlank() ? null : scope.strip());
    }

    /** Each trusted issuer and where its keys are: JWT_JWKS_URI, or the issuer's /.well-known/jwks.json. */
    private static Map<String, URI> issuers(String issuerList, String jwksUri) {
        Map<String, URI> issuers = new LinkedHashMap<>();
        for (String issuer : issuerList.split(",")) {
            if (!issuer.isBlank()) {
                issuers.put(issuer.strip(), jwksUri(jwksUri, issuer.strip()));
            }
        }
        if (issuers.size() > 1 && jwksUri != null) {
            throw new IllegalArgumentException("JWT_JWKS_URI is only allowed with a single JWT_ISSUER (each issuer's "
                    + "keys are fetched from its own /.well-known/jwks.json)");
        }
        return issuers;
    }

    /** JWT_JWKS_URI, or by default the issuer's {@code /.well-known/jwks.json}: an http(s) URL either way. */
    private static URI jwksUri(String value, String issuer) {
        try {
            URI uri = value != null ? new URI(value) : VerifierSettings.defaultJwksUri(issuer);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException | IllegalArgumentException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                value != null
                        ? "JWT_JWKS_URI must be an http(s) URL"
                        : "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set");
    }

    private static Set<String> algorithms(String value) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (String alg : value.split(",")) {
            if (!VerifierSettings.ASYMMETRIC_ALGORITHMS.contains(alg.strip())) {
                throw new IllegalArgumentException("JWT_ALGORITHMS: " + alg.strip() + " is not an asymmetric JWS "
                        + "algorithm (use RS256, ES256, EdDSA, ...)");
            }
            algorithms.add(alg.strip());
        }
        return algorithms;
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
