package com.example.jwt.nimbus;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link TokenVerifier} needs to know, already checked: each app reads it from its own configuration (the app's
 * {@code JwtSettings}). The checks of the record itself only keep a wrong value from being used; the static helpers
 * below turn the text of a variable into a value, and their errors ({@link IllegalArgumentException}) name the
 * variable, as the app prints them at startup (CFG-1, CFG-2). Each takes the variable's value as the app read it, or
 * null when it is unset; defaults are the app's configuration's.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, ALG-1, CLM-2, CLM-4, JWKS-1, JWKS-2, JWKS-9.
 *
 * @param issuers each trusted {@code iss} and the URL of its JWKS
 * @param audience the {@code aud} a token must contain, or null: aud is not checked
 * @param algorithms the JWS algorithms a token may use, asymmetric only
 * @param clockSkew leeway for {@code exp} and {@code nbf}
 * @param jwksCache how long a fetched JWKS is used before it is fetched again
 * @param jwksRefreshMin least time between fetches for an unknown {@code kid}, and the fail-fast time after a failure
 * @param jwksTimeout the whole JWKS fetch: connecting, the headers and the body to its end
 */
public record VerifierSettings(
        Map<String, URI> issuers,
        String audience,
        Set<String> algorithms,
        Duration clockSkew,
        Duration jwksCache,
        Duration jwksRefreshMin,
        Duration jwksTimeout) {

    /** The asymmetric JWS algorithms the verifier knows. HMAC and {@code none} are never among them. */
    public static final Set<String> ASYMMETRIC_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    public VerifierSettings {
        issuers = Map.copyOf(issuers);
        algorithms = Set.copyOf(algorithms);
        if (issuers.isEmpty() || algorithms.isEmpty() || !ASYMMETRIC_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("at least one issuer and one asymmetric algorithm are needed");
        }
        for (Duration d : new Duration[] {clockSkew, jwksCache, jwksRefreshMin, jwksTimeout}) {
            if (Objects.requireNonNull(d).isNegative()) {
                throw new IllegalArgumentException("durations are not negative");
            }
        }
        if (jwksTimeout.isZero()) {
            throw new IllegalArgumentException("the JWKS timeout is more than zero");
        }
    }

    /** The startup WARN line of an app whose tokens' aud is not checked. */
    public static final String ANY_AUDIENCE_WARNING = "JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
            + "tokens this issuer made for any API are accepted";

    /**
     * The audience from JWT_AUDIENCE and JWT_ALLOW_ANY_AUDIENCE, each null when unset: JWT_AUDIENCE is required unless
     * JWT_ALLOW_ANY_AUDIENCE is {@code true}; then the result is null (aud is not checked). Contract: CFG-1, CFG-2,
     * CLM-4.
     *
     * @throws IllegalArgumentException naming the variable: JWT_AUDIENCE missing, JWT_ALLOW_ANY_AUDIENCE neither
     *     {@code true} nor {@code false}, or {@code true} beside a JWT_AUDIENCE
     */
    public static String audience(String jwtAudience, String allowAnyAudience) {
        String audience = jwtAudience == null || jwtAudience.isBlank() ? null : jwtAudience.strip();
        String allowAny = allowAnyAudience == null || allowAnyAudience.isBlank() ? "false" : allowAnyAudience.strip();
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

    /** Where an issuer's keys are unless configured otherwise: {@code <issuer>/.well-known/jwks.json}. */
    public static URI defaultJwksUri(String issuer) {
        return URI.create(issuer.replaceFirst("/$", "") + "/.well-known/jwks.json");
    }

    /** What JWT_HEADER may be: an HTTP header name (an RFC 9110 token). */
    public static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    /** What JWT_REQUIRED_SCOPE may be: one scope token of RFC 6749 (printable, no space, quote or backslash). */
    public static final String SCOPE = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";

    /**
     * Each trusted issuer and where its keys are, from JWT_ISSUER (one issuer or a comma-separated list) and
     * JWT_JWKS_URI (null or blank: each issuer's {@code /.well-known/jwks.json}). Contract: CFG-1, CFG-2, GW-1.
     *
     * @throws IllegalArgumentException naming the variable: JWT_ISSUER missing, or not an http(s) URL when
     *     JWT_JWKS_URI is not set; JWT_JWKS_URI not an http(s) URL, or set beside more than one issuer
     */
    public static Map<String, URI> issuers(String jwtIssuer, String jwtJwksUri) {
        String jwksUri = jwtJwksUri == null || jwtJwksUri.isBlank() ? null : jwtJwksUri.strip();
        Map<String, URI> issuers = new LinkedHashMap<>();
        for (String issuer : (jwtIssuer == null ? "" : jwtIssuer).split(",")) {
            if (!issuer.isBlank()) {
                issuers.put(issuer.strip(), jwksUri(jwksUri, issuer.strip()));
            }
        }
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
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
            URI uri = value != null ? new URI(value) : defaultJwksUri(issuer);
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

    /**
     * The algorithms of JWT_ALGORITHMS, a comma-separated list, in its order. Contract: CFG-2, ALG-1.
     *
     * @throws IllegalArgumentException naming JWT_ALGORITHMS: a member that is no asymmetric JWS algorithm, or none
     *     (null or blank)
     */
    public static Set<String> algorithms(String jwtAlgorithms) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (String alg : (jwtAlgorithms == null ? "" : jwtAlgorithms).split(",")) {
            if (!ASYMMETRIC_ALGORITHMS.contains(alg.strip())) {
                // "JWT_ALGORITHMS must ...": an app's startup (Quarkus's Main) knows a configuration error by
                // the variable's name followed by a space or "=".
                throw new IllegalArgumentException(
                        "JWT_ALGORITHMS must list asymmetric JWS algorithms (RS256, ES256, EdDSA, ...), not "
                                + alg.strip());
            }
            algorithms.add(alg.strip());
        }
        return algorithms;
    }

    /**
     * A variable that holds a whole number from {@code min} to {@code max} (JWT_CLOCK_SKEW_SECONDS, PORT, ...).
     * Contract: CFG-2.
     *
     * @throws IllegalArgumentException naming the variable: not a whole number in the range, or null
     */
    public static int wholeNumber(String variable, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
    }

    /**
     * JWT_HEADER, the header that carries the token, stripped. Contract: CFG-2, GW-2.
     *
     * @throws IllegalArgumentException naming JWT_HEADER: not an HTTP header name, or null
     */
    public static String header(String jwtHeader) {
        String header = jwtHeader == null ? "" : jwtHeader.strip();
        if (!header.matches(HEADER_NAME)) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        return header;
    }

    /**
     * JWT_REQUIRED_SCOPE, stripped, or null when it is unset or blank (no scope is required). Contract: CFG-2, GW-3.
     *
     * @throws IllegalArgumentException naming JWT_REQUIRED_SCOPE: more than one scope, or a character no scope has
     */
    public static String requiredScope(String jwtRequiredScope) {
        if (jwtRequiredScope == null || jwtRequiredScope.isBlank()) {
            return null;
        }
        if (!jwtRequiredScope.strip().matches(SCOPE)) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
        return jwtRequiredScope.strip();
    }

    /**
     * The variables of the app interface that these settings come from, as text, as an app's typed configuration
     * holds them (empty, or blank: unset, and the app interface's default applies). A framework's settings record
     * or mapping implements it with its own properties and calls {@link #verifierSettings()}, so that the parsing,
     * the checks and the defaults are here once. Contract: CFG-1, CFG-2, GW-1, CLM-2, CLM-4.
     */
    public interface Variables {
        /** JWT_ISSUER: one issuer or a comma-separated list; required. */
        Optional<String> issuer();

        /** JWT_JWKS_URI: by default each issuer's {@code /.well-known/jwks.json}. */
        Optional<String> jwksUri();

        /** JWT_AUDIENCE: required unless JWT_ALLOW_ANY_AUDIENCE is {@code true}. */
        Optional<String> audience();

        /** JWT_ALLOW_ANY_AUDIENCE: {@code true} or {@code false} (the default). */
        Optional<String> allowAnyAudience();

        /** JWT_ALGORITHMS: by default EdDSA,RS256,ES256. */
        Optional<String> algorithms();

        /** JWT_CLOCK_SKEW_SECONDS: 0 to 3600, by default 60. */
        Optional<String> clockSkewSeconds();

        /** JWT_JWKS_CACHE_SECONDS: 0 to 86400, by default 300. */
        Optional<String> jwksCacheSeconds();

        /** JWT_JWKS_REFRESH_MIN_SECONDS: 0 to 86400, by default 30. */
        Optional<String> jwksRefreshMinSeconds();

        /** JWT_JWKS_TIMEOUT_MS: 1 to 60000, by default 2000. */
        Optional<String> jwksTimeoutMs();

        /**
         * The settings, checked.
         *
         * @throws IllegalArgumentException naming the variable of the first value that is missing or malformed
         */
        default VerifierSettings verifierSettings() {
            return new VerifierSettings(
                    VerifierSettings.issuers(set(issuer(), null), set(jwksUri(), null)),
                    VerifierSettings.audience(set(audience(), null), set(allowAnyAudience(), null)),
                    VerifierSettings.algorithms(set(algorithms(), "EdDSA,RS256,ES256")),
                    Duration.ofSeconds(wholeNumber("JWT_CLOCK_SKEW_SECONDS", set(clockSkewSeconds(), "60"), 0, 3600)),
                    Duration.ofSeconds(
                            wholeNumber("JWT_JWKS_CACHE_SECONDS", set(jwksCacheSeconds(), "300"), 0, 86_400)),
                    Duration.ofSeconds(
                            wholeNumber("JWT_JWKS_REFRESH_MIN_SECONDS", set(jwksRefreshMinSeconds(), "30"), 0, 86_400)),
                    Duration.ofMillis(wholeNumber("JWT_JWKS_TIMEOUT_MS", set(jwksTimeoutMs(), "2000"), 1, 60_000)));
        }

        private static String set(Optional<String> value, String fallback) {
            return value.filter(v -> !v.isBlank()).orElse(fallback);
        }
    }
}
