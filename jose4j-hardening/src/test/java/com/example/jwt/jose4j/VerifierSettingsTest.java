package com.example.jwt.jose4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The helpers that turn a variable's text into a setting: each value they accept, and each error, whose message names
 * the variable as the apps print it at startup (CFG-1, CFG-2).
 */
class VerifierSettingsTest {

    @Test
    void issuersDefaultToTheirWellKnownJwks() {
        assertEquals(
                Map.of(
                        "https://a.example.com", URI.create("https://a.example.com/.well-known/jwks.json"),
                        "http://b.example.com/", URI.create("http://b.example.com/.well-known/jwks.json")),
                VerifierSettings.issuers(" https://a.example.com , ,http://b.example.com/ ", null));
        assertEquals(
                List.of("https://b.example.com", "https://a.example.com"),
                List.copyOf(VerifierSettings.issuers("https://b.example.com,https://a.example.com", " ")
                        .keySet()));
    }

    @Test
    void oneIssuerMayHaveItsJwksElsewhere() {
        assertEquals(
                Map.of("https://a.example.com", URI.create("https://keys.example.com/jwks")),
                VerifierSettings.issuers("https://a.example.com", " https://keys.example.com/jwks "));
    }

    @Test
    void issuerErrorsNameTheVariable() {
        String required = "JWT_ISSUER is required (the expected iss, e.g. https://idp.example.com)";
        fails(required, () -> VerifierSettings.issuers(null, null));
        fails(required, () -> VerifierSettings.issuers(" ", null));
        fails(required, () -> VerifierSettings.issuers(" , ", null));
        fails(
                "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set",
                () -> VerifierSettings.issuers("idp.example.com", null));
        fails(
                "JWT_ISSUER must be an http(s) URL when JWT_JWKS_URI is not set",
                () -> VerifierSettings.issuers("ftp://idp.example.com", null));
        fails("JWT_JWKS_URI must be an http(s) URL", () -> VerifierSettings.issuers("urn:idp", "not a uri"));
        fails("JWT_JWKS_URI must be an http(s) URL", () -> VerifierSettings.issuers("urn:idp", "file:///jwks.json"));
        fails(
                "JWT_JWKS_URI is only allowed with a single JWT_ISSUER (each issuer's keys are fetched from its own "
                        + "/.well-known/jwks.json)",
                () -> VerifierSettings.issuers("https://a.example.com,https://b.example.com", "https://k.example.com"));
    }

    @Test
    void algorithmsKeepTheirOrder() {
        assertEquals(
                List.of("EdDSA", "RS256", "ES256"),
                List.copyOf(VerifierSettings.algorithms(" EdDSA, RS256 ,ES256,RS256")));
    }

    @Test
    void algorithmErrorsNameTheVariable() {
        String message = "JWT_ALGORITHMS must list asymmetric JWS algorithms (RS256, ES256, EdDSA, ...), not ";
        fails(message + "HS256", () -> VerifierSettings.algorithms("RS256,HS256"));
        fails(message + "none", () -> VerifierSettings.algorithms("none"));
        fails(message, () -> VerifierSettings.algorithms("RS256,,ES256"));
        fails(message, () -> VerifierSettings.algorithms(null));
    }

    @Test
    void wholeNumbersWithinTheirBounds() {
        assertEquals(0, VerifierSettings.wholeNumber("JWT_CLOCK_SKEW_SECONDS", "0", 0, 3600));
        assertEquals(3600, VerifierSettings.wholeNumber("JWT_CLOCK_SKEW_SECONDS", " 3600 ", 0, 3600));
    }

    @Test
    void wholeNumberErrorsNameTheVariable() {
        String message = "JWT_JWKS_TIMEOUT_MS must be a whole number from 1 to 60000";
        for (String bad : new String[] {"0", "60001", "-5", "1.5", "sixty", "", " ", null}) {
            fails(message, () -> VerifierSettings.wholeNumber("JWT_JWKS_TIMEOUT_MS", bad, 1, 60_000));
        }
        fails(
                "PORT must be a whole number from 0 to 65535",
                () -> VerifierSettings.wholeNumber("PORT", "eighty", 0, 65535));
    }

    @Test
    void headerIsAHeaderName() {
        assertEquals("X-Service-Token", VerifierSettings.header(" X-Service-Token "));
        String message = "JWT_HEADER must be an HTTP header name, e.g. X-Service-Token";
        for (String bad : new String[] {"X Service", "X-Token:", "", " ", null}) {
            fails(message, () -> VerifierSettings.header(bad));
        }
    }

    @Test
    void requiredScopeIsOneScopeOrNone() {
        assertEquals("orders:read", VerifierSettings.requiredScope(" orders:read "));
        assertNull(VerifierSettings.requiredScope(null));
        assertNull(VerifierSettings.requiredScope(" "));
        String message = "JWT_REQUIRED_SCOPE must be one scope (printable, no spaces or quotes)";
        for (String bad : new String[] {"orders:read orders:write", "a\"b", "a\\b", "é"}) {
            fails(message, () -> VerifierSettings.requiredScope(bad));
        }
    }

    @Test
    void audienceErrorsNameTheVariable() {
        assertEquals("https://api.example.com", VerifierSettings.audience(" https://api.example.com ", null));
        assertNull(VerifierSettings.audience(null, "true"));
        fails(
                "JWT_AUDIENCE is required (the aud your API expects, e.g. https://api.example.com), or set "
                        + "JWT_ALLOW_ANY_AUDIENCE=true to accept any aud",
                () -> VerifierSettings.audience(" ", "false"));
        fails("JWT_ALLOW_ANY_AUDIENCE must be true or false", () -> VerifierSettings.audience(null, "yes"));
        fails(
                "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE: set one of them, not both",
                () -> VerifierSettings.audience("https://api.example.com", "true"));
    }

    private static void fails(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** The variables as a typed configuration holds them: text, empty when unset. */
    private record Text(
            Optional<String> issuer,
            Optional<String> jwksUri,
            Optional<String> audience,
            Optional<String> allowAnyAudience,
            Optional<String> algorithms,
            Optional<String> clockSkewSeconds,
            Optional<String> jwksCacheSeconds,
            Optional<String> jwksRefreshMinSeconds,
            Optional<String> jwksTimeoutMs)
            implements VerifierSettings.Variables {
        Text(String issuer, String audience, String clockSkewSeconds) {
            this(
                    Optional.ofNullable(issuer),
                    Optional.empty(),
                    Optional.ofNullable(audience),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.ofNullable(clockSkewSeconds),
                    Optional.of(" "),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    @Test
    void variablesUnsetOrBlankTakeTheAppInterfaceDefaults() {
        VerifierSettings settings = new Text("https://idp.example.com", "api", null).verifierSettings();
        assertEquals(
                Map.of("https://idp.example.com", URI.create("https://idp.example.com/.well-known/jwks.json")),
                settings.issuers());
        assertEquals("api", settings.audience());
        assertEquals(Set.of("EdDSA", "RS256", "ES256"), settings.algorithms());
        assertEquals(Duration.ofSeconds(60), settings.clockSkew());
        assertEquals(Duration.ofSeconds(300), settings.jwksCache());
        assertEquals(Duration.ofSeconds(30), settings.jwksRefreshMin());
        assertEquals(Duration.ofMillis(2000), settings.jwksTimeout());
    }

    @Test
    void variablesMissingOrMalformedNameTheVariable() {
        assertMessage("JWT_ISSUER is required", () -> new Text(null, "api", null).verifierSettings());
        assertMessage(
                "JWT_AUDIENCE is required", () -> new Text("https://idp.example.com", null, null).verifierSettings());
        assertMessage(
                "JWT_CLOCK_SKEW_SECONDS must be a whole number from 0 to 3600",
                () -> new Text("https://idp.example.com", "api", "sixty").verifierSettings());
    }

    private static void assertMessage(String start, Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.startsWith(start), message);
    }
}
