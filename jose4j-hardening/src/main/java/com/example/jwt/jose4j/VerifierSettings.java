package com.example.jwt.jose4j;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link TokenVerifier} needs to know, already checked: each app reads it from its own configuration (the app's
 * {@code JwtSettings}, whose errors name the variable). The checks here only keep a wrong value from being used.
 *
 * <p>Contract: GW-1, ALG-1, CLM-2, CLM-4, JWKS-1, JWKS-2, JWKS-9.
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

    /** The asymmetric JWS algorithms jose4j verifies. HMAC and {@code none} are never among them. */
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
}
