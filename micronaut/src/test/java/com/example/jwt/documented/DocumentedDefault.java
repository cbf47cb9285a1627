package com.example.jwt.documented;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.HashMap;
import java.util.Map;

/**
 * Micronaut Security's documented default, for the ledger (test sources only, never shipped): a controller
 * {@code @Secured(SecurityRule.IS_AUTHENTICATED)} that gets the {@code Authentication}, as the Micronaut JWT guides
 * have it, and the key set and claims validators as Micronaut Security's guide
 * (https://micronaut-projects.github.io/micronaut-security/latest/guide/, "Validation with remote JWKS", "Claims
 * Validation") configures them:
 * {@code micronaut.security.token.jwt.signatures.jwks.<name>.url} and {@code claims-validators.issuer/audience}.
 * The variables fill in only these properties. {@link DocumentedDefaultTest} starts it in a class loader without the
 * app's own classes, so that none of the app's replacements take part.
 */
@Controller
@Requires(property = "spec.name", value = "DocumentedDefault")
public class DocumentedDefault {

    @Get("/health")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @Get("/protected")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> protectedResource(Authentication authentication) {
        return Map.of(
                "message",
                "Access granted",
                "subject",
                authentication.getName(),
                "claims",
                authentication.getAttributes());
    }

    /** Starts it with these variables; returns its port and what stops it. */
    public static Map.Entry<Integer, AutoCloseable> start(Map<String, String> env) {
        String issuer = env.get("JWT_ISSUER");
        Map<String, Object> properties = new HashMap<>(Map.of("spec.name", "DocumentedDefault"));
        properties.put("micronaut.server.host", env.getOrDefault("HOST", "0.0.0.0"));
        properties.put("micronaut.server.port", env.getOrDefault("PORT", "8080"));
        properties.put(
                "micronaut.security.token.jwt.signatures.jwks.issuer.url",
                env.getOrDefault("JWT_JWKS_URI", issuer + "/.well-known/jwks.json"));
        if (issuer != null) {
            properties.put("micronaut.security.token.jwt.claims-validators.issuer", issuer);
        }
        if (env.get("JWT_AUDIENCE") != null) {
            properties.put("micronaut.security.token.jwt.claims-validators.audience", env.get("JWT_AUDIENCE"));
        }
        ApplicationContext context = ApplicationContext.builder()
                .environmentPropertySource(false)
                .properties(properties)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return Map.entry(server.getPort(), context);
    }
}
