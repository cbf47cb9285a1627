package com.example.jwt.documented;

import io.dropwizard.auth.Auth;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Dropwizard's documented default, for the ledger (test sources only, never shipped): {@code OAuthCredentialAuthFilter}
 * with {@code AuthDynamicFeature}, as https://www.dropwizard.io/en/stable/manual/auth.html ("OAuth2") shows, and an
 * authenticator built on jose4j's consumer for an HTTPS JWKS endpoint as
 * https://bitbucket.org/b_c/jose4j/wiki/JWT%20Examples shows it.
 */
public class DocumentedDefault extends Application<Configuration> {
    record Caller(String getName, Map<String, Object> claims) implements Principal {}

    @Path("/")
    @Produces("application/json")
    public static class Resource {
        @GET
        @Path("health")
        public Map<String, String> health() {
            return Map.of("status", "UP");
        }

        @GET
        @Path("protected")
        public Map<String, Object> get(@Auth Caller caller) {
            return Map.of("message", "Access granted", "subject", caller.getName(), "claims", caller.claims());
        }
    }

    private final Map<String, String> env;

    DocumentedDefault(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        String issuer = env.get("JWT_ISSUER");
        HttpsJwks jwks = new HttpsJwks(env.getOrDefault("JWT_JWKS_URI", issuer + "/.well-known/jwks.json"));
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setRequireSubject()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(env.get("JWT_AUDIENCE"))
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
        environment
                .jersey()
                .register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                        .setAuthenticator(token -> {
                            try {
                                Map<String, Object> claims =
                                        consumer.processToClaims(token).getClaimsMap();
                                return Optional.of(new Caller(String.valueOf(claims.get("sub")), claims));
                            } catch (InvalidJwtException e) {
                                return Optional.empty();
                            }
                        })
                        .setPrefix("Bearer")
                        .buildAuthFilter()));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        environment.jersey().register(new Resource());
    }
}
