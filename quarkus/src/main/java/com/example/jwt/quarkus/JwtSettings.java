package com.example.jwt.quarkus;

import com.example.jwt.jose4j.VerifierSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The settings: the {@code jwt.*} properties, which Quarkus reads from the variables of the app interface
 * (JWT_CLOCK_SKEW_SECONDS is jwt.clock-skew-seconds), mapped by SmallRye Config into this interface. The values stay
 * text: the module's {@link VerifierSettings.Variables}, whose methods SmallRye maps as this interface's own, checks
 * them and applies the app interface's defaults, with errors that name the variable (SmallRye's own conversion error
 * names the property). The beans that use them check them at startup: {@link TokenParser} the verifier's settings,
 * {@link JwtAuth} JWT_HEADER, {@link BearerAnswers} JWT_REQUIRED_SCOPE. HOST and PORT go to {@code quarkus.http.*}
 * in application.properties; PORT is checked first by {@link Main}.
 *
 * <p>The app shell: this repo's API and startup, not the JWT check.
 *
 * <p>Contract: CFG-1, CFG-2, CLM-4, GW-1, GW-2, GW-3; the default clock skew of CLM-2 and CLM-3 (60 s).
 */
@ConfigMapping(prefix = "jwt")
public interface JwtSettings extends VerifierSettings.Variables {
    /** JWT_HEADER: the header that carries the token; checked by {@link VerifierSettings#header}. */
    @WithDefault("Authorization")
    String header();

    /** JWT_REQUIRED_SCOPE: by default none; checked by {@link VerifierSettings#requiredScope}. */
    Optional<String> requiredScope();

    /** PORT, checked before Quarkus reads it as quarkus.http.port (which would not name the variable). */
    static void checkPort(String port) {
        if (port != null && !port.isBlank()) {
            VerifierSettings.wholeNumber("PORT", port, 0, 65_535);
        }
    }
}
