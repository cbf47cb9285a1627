package com.example.jwt.helidon;

import com.example.jwt.jose4j.VerifierSettings;
import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The app's settings, from Helidon config: application.yaml, overridden by the environment variables through
 * Helidon's own mapping (see {@link Main#config}). Each value is read by its variable's name, so that every missing
 * or malformed value fails at startup with a message that names the variable, not the key.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2, CLM-4.
 */
record JwtSettings(String host, int port, VerifierSettings verifier, String tokenHeader, String requiredScope) {

    static JwtSettings from(Config config) {
        String issuerList = string(config, "JWT_ISSUER");
        if (issuerList == null) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        VerifierSettings verifier = new VerifierSettings(
                issuers(issuerList, string(config, "JWT_JWKS_URI")),
                VerifierSettings.audience(string(config, "JWT_AUDIENCE"), string(config, "JWT_ALLOW_ANY_AUDIENCE")),
                algorithms(string(config, "JWT_ALGORITHMS")),
                Duration.ofSeconds(integer(config, "JWT_CLOCK_SKEW_SECONDS", 0, 3600)),
                Duration.ofSeconds(integer(config, "JWT_JWKS_CACHE_SECONDS", 0, 86_400)),
                Duration.ofSeconds(integer(config, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400)),
                Duration.ofMillis(integer(config, "JWT_JWKS_TIMEOUT_MS", 1, 60_000)));
        String header = string(config, "JWT_HEADER");
        if (header == null || !header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        String scope = string(config, "JWT_REQUIRED_SCOPE");
        if (scope != null && !scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
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

    private static int integer(Config config, String variable, int min, int max) {
        try {
            int n = Integer.parseInt(string(config, variable));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
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
        for (String alg : (value == null ? "" : value).split(",")) {
            if (!VerifierSettings.ASYMMETRIC_ALGORITHMS.contains(alg.strip())) {
                throw new IllegalArgumentException("JWT_ALGORITHMS: " + alg.strip() + " is not an asymmetric JWS "
                        + "algorithm (use RS256, ES256, EdDSA, ...)");
            }
            algorithms.add(alg.strip());
        }
        return algorithms;
    }
}
