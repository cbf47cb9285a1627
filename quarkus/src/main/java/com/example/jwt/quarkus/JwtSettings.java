package com.example.jwt.quarkus;

import com.example.jwt.jose4j.VerifierSettings;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings, from the variables of the app interface, checked at startup so that an error names the variable.
 * Quarkus reads each variable as a property (JWT_CLOCK_SKEW_SECONDS as jwt.clock-skew-seconds); they come in as text
 * and are parsed here, because Quarkus would report a bad number by its property name. HOST and PORT go to
 * {@code quarkus.http.*} in application.properties.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2.
 */
@Startup
@Singleton
public class JwtSettings {
    private final VerifierSettings verifier;
    private final String header;
    private final String requiredScope;

    JwtSettings(
            @ConfigProperty(name = "jwt.issuer") Optional<String> issuer,
            @ConfigProperty(name = "jwt.audience") Optional<String> audience,
            @ConfigProperty(name = "jwt.allow-any-audience", defaultValue = "false") String allowAnyAudience,
            @ConfigProperty(name = "jwt.jwks-uri") Optional<String> jwksUri,
            @ConfigProperty(name = "jwt.algorithms", defaultValue = "EdDSA,RS256,ES256") String algorithms,
            @ConfigProperty(name = "jwt.clock-skew-seconds", defaultValue = "60") String clockSkew,
            @ConfigProperty(name = "jwt.jwks-cache-seconds", defaultValue = "300") String jwksCache,
            @ConfigProperty(name = "jwt.jwks-refresh-min-seconds", defaultValue = "30") String jwksRefreshMin,
            @ConfigProperty(name = "jwt.jwks-timeout-ms", defaultValue = "2000") String jwksTimeout,
            @ConfigProperty(name = "jwt.header", defaultValue = "Authorization") String header,
            @ConfigProperty(name = "jwt.required-scope") Optional<String> requiredScope) {
        String issuers = issuer.map(String::strip).orElse("");
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException(
                    "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)");
        }
        this.verifier = new VerifierSettings(
                issuers(issuers, jwksUri.map(String::strip).orElse(null)),
                audience(audience.map(String::strip).orElse(""), allowAnyAudience.strip()),
                algorithms(algorithms),
                Duration.ofSeconds(number(clockSkew, "JWT_CLOCK_SKEW_SECONDS", 0, 3600)),
                Duration.ofSeconds(number(jwksCache, "JWT_JWKS_CACHE_SECONDS", 0, 86_400)),
                Duration.ofSeconds(number(jwksRefreshMin, "JWT_JWKS_REFRESH_MIN_SECONDS", 0, 86_400)),
                Duration.ofMillis(number(jwksTimeout, "JWT_JWKS_TIMEOUT_MS", 1, 60_000)));
        this.header = header.strip();
        if (!this.header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("JWT_HEADER must be an HTTP header name, e.g. X-Service-Token");
        }
        this.requiredScope =
                requiredScope.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (this.requiredScope != null && !this.requiredScope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)");
        }
    }

    /** JWT_AUDIENCE, required unless JWT_ALLOW_ANY_AUDIENCE=true (then null: aud not checked). CFG-1, CFG-2. */
    private static String audience(String audience, String any) {
        if (!"true".equals(any) && !"false".equals(any) && !any.isEmpty()) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE must be true or false");
        }
        if ("true".equals(any)) {
            if (!audience.isEmpty()) {
                throw new IllegalArgumentException(
                        "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE (set one of them, not both)");
            }
            org.jboss.logging.Logger.getLogger(JwtSettings.class)
                    .warn("JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; "
                            + "tokens this issuer made for any API are accepted");
            return null;
        }
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("JWT_AUDIENCE is required (the aud this API expects, e.g. "
                    + "https://api.example.com), unless JWT_ALLOW_ANY_AUDIENCE=true");
        }
        return audience;
    }

    /** What the jose4j verifier needs: issuers and their keys, audience, algorithms, clock skew, JWKS timings. */
    VerifierSettings verifier() {
        return verifier;
    }

    /** The header that carries the token (JWT_HEADER). */
    String header() {
        return header;
    }

    /** JWT_REQUIRED_SCOPE, or null. */
    String requiredScope() {
        return requiredScope;
    }

    /** PORT, checked before Quarkus reads it as quarkus.http.port (which would not name the variable). */
    static void checkPort(String port) {
        if (port != null && !port.isBlank()) {
            number(port, "PORT", 0, 65_535);
        }
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
                throw new IllegalArgumentException(
                        "JWT_ALGORITHMS must list asymmetric JWS algorithms (RS256, ES256, EdDSA, ...), not "
                                + alg.strip());
            }
            algorithms.add(alg.strip());
        }
        return algorithms;
    }

    private static int number(String value, String variable, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max);
    }
}
