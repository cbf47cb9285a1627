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

    /** Where an issuer's keys are unless configured otherwise: {@code <issuer>/.well-known/jwks.json}. */
    public static URI defaultJwksUri(String issuer) {
        return URI.create(issuer.replaceFirst("/$", "") + "/.well-known/jwks.json");
    }
}
