package com.example.jwt.helidon;

import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CFG-1, CFG-2, GW-1..GW-3, and the default clock skew of CLM-2 (60 s): the app's settings, from Helidon config
 * ({@code application.yaml} overridden by the variables). Every malformed value fails with a message that names its
 * variable.
 */
record JwtSettings(
        String host,
        int port,
        Map<String, URI> issuers,
        String audience,
        Set<String> algorithms,
        int clockSkewSeconds,
        int jwksCacheSeconds,
        int jwksRefreshMinSeconds,
        int jwksTimeoutMillis,
        String tokenHeader,
        String requiredScope) {

    /** Each variable of the app interface and the config key it overrides. */
    static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("HOST", "server.host");
        VARIABLES.put("PORT", "server.port");
        VARIABLES.put("JWT_ISSUER", "jwt.issuer");
        VARIABLES.put("JWT_JWKS_URI", "jwt.jwks-uri");
        VARIABLES.put("JWT_AUDIENCE", "jwt.audience");
        VARIABLES.put("JWT_ALGORITHMS", "jwt.algorithms");
        VARIABLES.put("JWT_CLOCK_SKEW_SECONDS", "jwt.clock-skew-seconds");
        VARIABLES.put("JWT_JWKS_CACHE_SECONDS", "jwt.jwks-cache-seconds");
        VARIABLES.put("JWT_JWKS_REFRESH_MIN_SECONDS", "jwt.jwks-refresh-min-seconds");
        VARIABLES.put("JWT_JWKS_TIMEOUT_MS", "jwt.jwks-timeout-ms");
        VARIABLES.put("JWT_HEADER", "jwt.header");
        VARIABLES.put("JWT_REQUIRED_SCOPE", "jwt.required-scope");
    }

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> SUPPORTED =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    static JwtSettings from(Config config) {
        String issuer = string(config, "JWT_ISSUER");
        if (issuer == null) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        return new JwtSettings(
                string(config, "HOST"),
                integer(config, "PORT", 0, 65535),
                issuers(issuer, string(config, "JWT_JWKS_URI")),
                string(config, "JWT_AUDIENCE"),
                algorithms(string(config, "JWT_ALGORITHMS")),
                integer(config, "JWT_CLOCK_SKEW_SECONDS", 0, 3600),
                integer(config, "JWT_JWKS_CACHE_SECONDS", 0, 86_400),
                integer(config, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400),
                integer(config, "JWT_JWKS_TIMEOUT_MS", 1, 60_000),
                header(string(config, "JWT_HEADER")),
                scope(string(config, "JWT_REQUIRED_SCOPE")));
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
        return Map.copyOf(issuers);
    }

    /** JWT_HEADER: an HTTP header name. */
    private static String header(String value) {
        String header = value == null ? "Authorization" : value.strip();
        if (!HEADER_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        return header;
    }

    /** JWT_REQUIRED_SCOPE: one scope token (RFC 6749 §3.3), or null. */
    private static String scope(String value) {
        if (value != null && !value.strip().matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        return value == null ? null : value.strip();
    }

    /** The value of a variable's key, or null when it is absent or blank. */
    private static String string(Config config, String variable) {
        return config.get(VARIABLES.get(variable))
                .asString()
                .filter(s -> !s.isBlank())
                .map(String::strip)
                .orElse(null);
    }

    private static int integer(Config config, String variable, int min, int max) {
        String value = string(config, variable);
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
    }

    /** JWT_JWKS_URI, or by default the issuer's {@code /.well-known/jwks.json}. */
    private static URI jwksUri(String value, String issuer) {
        String uri = value != null ? value : issuer.replaceFirst("/$", "") + "/.well-known/jwks.json";
        try {
            URI parsed = new URI(uri);
            if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null) {
                return parsed;
            }
        } catch (URISyntaxException ignored) {
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
            if (!SUPPORTED.contains(alg.strip())) {
                throw new IllegalArgumentException("JWT_ALGORITHMS: " + alg.strip() + " is not an asymmetric JWS "
                        + "algorithm (use RS256, ES256, EdDSA, ...)");
            }
            algorithms.add(alg.strip());
        }
        return Set.copyOf(algorithms);
    }
}
