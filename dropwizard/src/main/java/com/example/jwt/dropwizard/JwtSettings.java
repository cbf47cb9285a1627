package com.example.jwt.dropwizard;

import com.example.jwt.jose4j.VerifierSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code jwt} section of config.yml, typed and validated by Dropwizard; config.yml fills each field from the
 * variable of the same name ({@code clockSkewSeconds} from JWT_CLOCK_SKEW_SECONDS), so {@link #namingVariables} can
 * turn any error about a field into one line that names the variable. {@link #verifier()} checks what one field
 * cannot: the issuer list with JWT_JWKS_URI.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, GW-1..GW-3, CLM-2.
 */
public class JwtSettings {
    private static final String ALGORITHM = "\\s*(RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA)\\s*";

    @NotBlank(message = "is required (the expected iss, e.g. https://idp.example.com)")
    @JsonProperty
    public String issuer;

    @JsonProperty
    public String jwksUri;

    @JsonProperty
    public String audience;

    /** JWT_ALLOW_ANY_AUDIENCE: true or false; true skips the aud check (CLM-4.3, CFG-2.2). */
    @JsonProperty
    public String allowAnyAudience = "false";

    @Pattern(
            regexp = ALGORITHM + "(," + ALGORITHM + ")*",
            message = "must list asymmetric JWS algorithms (RS256, ES256, EdDSA, ...)")
    @JsonProperty
    public String algorithms = "EdDSA,RS256,ES256";

    @Min(0)
    @Max(3600)
    @JsonProperty
    public int clockSkewSeconds = 60;

    @Min(0)
    @Max(86_400)
    @JsonProperty
    public int jwksCacheSeconds = 300;

    @Min(0)
    @Max(86_400)
    @JsonProperty
    public int jwksRefreshMinSeconds = 30;

    @Min(1)
    @Max(60_000)
    @JsonProperty
    public int jwksTimeoutMs = 2000;

    @Pattern(regexp = VerifierSettings.HEADER_NAME, message = "must be an HTTP header name, e.g. X-Service-Token")
    @JsonProperty
    public String header = "Authorization";

    @Pattern(
            regexp = "(" + VerifierSettings.SCOPE + ")?",
            message = "must be one scope (printable, no spaces or quotes)")
    @JsonProperty
    public String requiredScope;

    /** JWT_REQUIRED_SCOPE, or null. */
    String requiredScope() {
        return VerifierSettings.requiredScope(requiredScope);
    }

    /** What the jose4j-hardening module's verifier needs; throws, naming the variable, for an unusable issuer list. */
    VerifierSettings verifier() {
        return new VerifierSettings(
                VerifierSettings.issuers(issuer, jwksUri),
                checkedAudience(),
                VerifierSettings.algorithms(algorithms), // checked by @Pattern: asymmetric algorithms only
                Duration.ofSeconds(clockSkewSeconds),
                Duration.ofSeconds(jwksCacheSeconds),
                Duration.ofSeconds(jwksRefreshMinSeconds),
                Duration.ofMillis(jwksTimeoutMs));
    }

    /** True when JWT_ALLOW_ANY_AUDIENCE=true: the app logs one WARN line at startup. */
    boolean anyAudience() {
        return "true".equals(allowAnyAudience == null ? null : allowAnyAudience.strip());
    }

    /** JWT_AUDIENCE, required unless JWT_ALLOW_ANY_AUDIENCE=true (then null: aud is not checked). CFG-1, CFG-2. */
    private String checkedAudience() {
        String any = allowAnyAudience == null || allowAnyAudience.isBlank() ? "false" : allowAnyAudience.strip();
        if (!"true".equals(any) && !"false".equals(any)) {
            throw new IllegalArgumentException("JWT_ALLOW_ANY_AUDIENCE must be true or false");
        }
        boolean hasAudience = audience != null && !audience.isBlank();
        if ("true".equals(any) && hasAudience) {
            throw new IllegalArgumentException(
                    "JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE (set one of them, not both)");
        }
        if (!"true".equals(any) && !hasAudience) {
            throw new IllegalArgumentException("JWT_AUDIENCE is required (the aud this API expects, e.g. "
                    + "https://api.example.com), unless JWT_ALLOW_ANY_AUDIENCE=true");
        }
        return hasAudience ? audience.strip() : null;
    }

    /**
     * Dropwizard's YAML configuration factory, whose errors about a {@code jwt} field name the variable instead:
     * "jwt.clockSkewSeconds must be greater than or equal to 0" becomes "JWT_CLOCK_SKEW_SECONDS must be greater than
     * or equal to 0" (an {@link IllegalArgumentException}, which Main prints as one line).
     */
    static <T> ConfigurationFactoryFactory<T> namingVariables() {
        return (type, validator, mapper, prefix) -> {
            ConfigurationFactory<T> yaml = new YamlConfigurationFactory<>(type, validator, mapper, prefix);
            return new ConfigurationFactory<>() {
                @Override
                public T build(ConfigurationSourceProvider provider, String path) throws IOException {
                    try {
                        return yaml.build(provider, path);
                    } catch (ConfigurationException e) {
                        throw new IllegalArgumentException(oneLine(e), e);
                    }
                }

                @Override
                public T build() throws IOException {
                    try {
                        return yaml.build();
                    } catch (ConfigurationException e) {
                        throw new IllegalArgumentException(oneLine(e), e);
                    }
                }
            };
        };
    }

    private static String oneLine(ConfigurationException e) {
        if (e instanceof ConfigurationValidationException invalid) {
            return invalid.getConstraintViolations().stream()
                    .map(v -> variable(v.getPropertyPath().toString()) + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
        }
        if (e.getCause() instanceof JsonMappingException unreadable) {
            String path = unreadable.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName)
                    .collect(Collectors.joining("."));
            return variable(path) + " must be a whole number";
        }
        return e.getMessage().strip().replace('\n', ' ');
    }

    /** The variable behind a field of config.yml: jwt.clockSkewSeconds is JWT_CLOCK_SKEW_SECONDS. */
    static String variable(String path) {
        return path.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
