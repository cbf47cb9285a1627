package com.example.jwt.documented;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Helidon SE's documented default, for the ledger (test sources only, never shipped): a routing handler that answers
 * or calls {@code res.next()}, as https://helidon.io/docs/v4/se/webserver shows, and jose4j's consumer for an HTTPS
 * JWKS endpoint as https://bitbucket.org/b_c/jose4j/wiki/JWT%20Examples shows it. Helidon's own answer, the
 * {@code JwtProvider} of https://helidon.io/docs/v4/se/security/providers, does not resolve from the registry at
 * 4.5.0; its docs describe a JWKS loaded once, a 5 s clock skew and an optional {@code exp}.
 */
final class DocumentedDefault {
    static WebServer start(Map<String, String> env) {
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
        return WebServer.builder()
                .host(env.getOrDefault("HOST", "0.0.0.0"))
                .port(Integer.parseInt(env.getOrDefault("PORT", "8080")))
                .routing(routing -> routing.get("/health", (req, res) -> res.send(Map.of("status", "UP")))
                        .any("/protected", (req, res) -> {
                            String header = req.headers()
                                    .first(HeaderNames.AUTHORIZATION)
                                    .orElse("");
                            try {
                                var claims = consumer.processToClaims(header.replaceFirst("^Bearer ", ""));
                                req.context().register("claims", claims.getClaimsMap());
                                res.next();
                            } catch (InvalidJwtException e) {
                                res.status(Status.UNAUTHORIZED_401).send();
                            }
                        })
                        .get("/protected", (req, res) -> {
                            Map<?, ?> claims =
                                    req.context().get("claims", Map.class).orElseThrow();
                            res.send(Map.of(
                                    "message", "Access granted", "subject", claims.get("sub"), "claims", claims));
                        }))
                .build()
                .start();
    }
}
