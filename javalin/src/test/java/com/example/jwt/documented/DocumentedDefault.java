package com.example.jwt.documented;

import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Javalin's documented default, for the ledger (test sources only, never shipped): a {@code beforeMatched} handler
 * checking route roles, as https://javalin.io/documentation#beforematched and Javalin's auth tutorial show, and
 * jose4j's consumer for an HTTPS JWKS endpoint as https://bitbucket.org/b_c/jose4j/wiki/JWT%20Examples shows it.
 */
final class DocumentedDefault {
    static final RouteRole USER = new RouteRole() {};

    static Javalin start(Map<String, String> env) {
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
        return Javalin.create(config -> {
                    config.jetty.host = env.getOrDefault("HOST", "0.0.0.0");
                    config.jetty.port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
                    config.routes.beforeMatched(ctx -> {
                        String header = ctx.header("Authorization");
                        if (!ctx.routeRoles().contains(USER)) {
                            return;
                        } else if (header == null || !header.startsWith("Bearer ")) {
                            throw new UnauthorizedResponse();
                        }
                        try {
                            ctx.attribute(
                                    "claims",
                                    consumer.processToClaims(header.substring(7))
                                            .getClaimsMap());
                        } catch (InvalidJwtException e) {
                            throw new UnauthorizedResponse();
                        }
                    });
                    config.routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
                    config.routes.get(
                            "/protected",
                            ctx -> {
                                Map<String, Object> claims = ctx.attribute("claims");
                                ctx.json(Map.of(
                                        "message", "Access granted", "subject", claims.get("sub"), "claims", claims));
                            },
                            USER);
                })
                .start();
    }
}
