package com.example.jwt.dropwizard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CFG-1, CFG-2, GW-1..GW-3, and the default clock skew of CLM-2 (60 s): the {@code jwt} section of config.yml. The
 * values come in as text and {@link #validated()} checks them, so that an error names the variable
 * (JWT_CLOCK_SKEW_SECONDS) rather than a YAML path: JWT_ISSUER is required and may list several issuers (JWT_JWKS_URI
 * only with one), JWT_HEADER is a header name and JWT_REQUIRED_SCOPE one scope token.
 */
public class JwtSettings {
    @JsonProperty
    public String issuer;

    @JsonProperty
    public String jwksUri;

    @JsonProperty
    public String audience;

    @JsonProperty
    public String algorithms = "EdDSA,RS256,ES256";

    @JsonProperty
    public String clockSkewSeconds = "60";

    @JsonProperty
    public String jwksCacheSeconds = "300";

    @JsonProperty
    public String jwksRefreshMinSeconds = "30";

    @JsonProperty
    public String jwksTimeoutMs = "2000";

    @JsonProperty
    public String header = "Authorization";

    @JsonProperty
    public String requiredScope;

    /** The checked, typed settings. */
    record Valid(
            Map<String, URI> issuers,
            String audience,
            Set<String> algorithms,
            int clockSkewSeconds,
            int jwksCacheSeconds,
            int jwksRefreshMinSeconds,
            int jwksTimeoutMillis,
            String tokenHeader,
            String requiredScope) {}

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> SUPPORTED =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    Valid validated() {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        return new Valid(
                issuers(issuer, blankToNull(jwksUri)),
                blankToNull(audience),
                algorithms(algorithms),
                integer(clockSkewSeconds, "JWT_CLOCK_SKEW_SECONDS", 0, 3600),
                integer(jwksCacheSeconds, "JWT_JWKS_CACHE_SECONDS", 0, 86_400),
                integer(jwksRefreshMinSeconds, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400),
                integer(jwksTimeoutMs, "JWT_JWKS_TIMEOUT_MS", 1, 60_000),
                header(blankToNull(header)),
                scope(blankToNull(requiredScope)));
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int integer(String value, String variable, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException ignored) {
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
