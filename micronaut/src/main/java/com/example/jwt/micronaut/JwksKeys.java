package com.example.jwt.micronaut;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * Verifies a token's signature with the one key its issuer's JWKS ({@link JwksFetch}) holds for it. Replaces Micronaut
 * Security's {@code ReactiveJwksSignature}, which is one key set for every token, whatever its issuer, matches keys by
 * kid alone, tries every key when the token has no kid, and cannot tell a kid that is unknown from keys that could not
 * be fetched. Here:
 * <ul>
 *   <li>GW-1: the token's iss picks its issuer's key set; one issuer's key never verifies another issuer's token;</li>
 *   <li>KEY-1, KEY-2, KEY-3, KEY-5: a key fits when its kid (if the token has one), type and curve fit the algorithm,
 *       and it may be used for it (KEY-7, RFC 7517 §4.2 to 4.4: a JWK's {@code use} is {@code sig}, its
 *       {@code key_ops} hold {@code verify}, its {@code alg} is the token's, each when present), RSA keys of 2048 bits
 *       or more; a token without kid is verified only when exactly one key fits;</li>
 *   <li>JWKS-2: a kid the set does not hold asks {@link JwksFetch} for a refetch, which it allows once per interval;
 *       </li>
 *   <li>JWKS-4: no key fits and the fetch failed: the request is refused with 503, not 401.</li>
 * </ul>
 * The signature itself is checked by the {@link JwkValidator} (see {@link SignatureVerifiers}).
 *
 * <p>Contract: GW-1, KEY-1, KEY-2, KEY-3, KEY-5, KEY-7, ALG-3, JWKS-2, JWKS-4, JWKS-5, JWKS-8.
 */
final class JwksKeys implements ReactiveSignatureConfiguration<SignedJWT> {
    private final Map<String, JwksFetch> byIssuer = new LinkedHashMap<>();
    private final JwkValidator verifiers;

    JwksKeys(JwtSettings settings, JwkValidator verifiers) {
        this.verifiers = verifiers;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        for (Map.Entry<String, URI> issuer : settings.jwksUris().entrySet()) {
            byIssuer.put(issuer.getKey(), new JwksFetch(client, issuer.getValue(), settings));
        }
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT jwt) {
        JwksFetch jwks;
        try {
            jwks = byIssuer.get(jwt.getJWTClaimsSet().getIssuer()); // TokenChecks let only these issuers through
        } catch (java.text.ParseException e) {
            return Publishers.just(false);
        }
        if (jwks == null) {
            return Publishers.just(false);
        }
        CompletableFuture<Boolean> verified = jwks.keys().thenCompose(keys -> {
            List<JWK> fitting = fitting(jwt.getHeader(), keys.set().getKeys());
            if (fitting.isEmpty() && jwt.getHeader().getKeyID() != null && !keys.stale()) {
                return jwks.refreshed()
                        .thenApply(again ->
                                verify(jwt, fitting(jwt.getHeader(), again.set().getKeys()), again));
            }
            return CompletableFuture.completedFuture(verify(jwt, fitting, keys));
        });
        if (verified.isDone() && !verified.isCompletedExceptionally()) {
            return Publishers.just(verified.join()); // the keys were cached: no need to go through a future
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        verified.whenComplete((ok, e) -> {
            if (e == null) {
                answer.complete(ok);
            } else { // a Refusal (503), possibly wrapped by the future
                answer.completeExceptionally(
                        e.getCause() instanceof BearerAnswers.Refusal refusal
                                ? refusal
                                : BearerAnswers.Refusal.keysUnavailable());
            }
        });
        return Publishers.fromCompletableFuture(answer);
    }

    private boolean verify(SignedJWT jwt, List<JWK> fitting, JwksFetch.Keys keys) {
        if (fitting.isEmpty() && keys.stale()) {
            throw BearerAnswers.Refusal.keysUnavailable(); // JWKS-4: no key, and the JWKS could not be fetched
        }
        return fitting.size() == 1 && verifiers.validate(jwt, fitting.get(0)); // none, or several without kid
    }

    /** The keys that may verify a token with this header. */
    static List<JWK> fitting(JWSHeader header, List<JWK> keys) {
        JWSAlgorithm alg = header.getAlgorithm();
        String kid = header.getKeyID();
        return keys.stream()
                .filter(k -> kid == null || kid.equals(k.getKeyID()))
                .filter(k -> typeFits(alg, k))
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k ->
                        k.getKeyOperations() == null || k.getKeyOperations().contains(KeyOperation.VERIFY))
                .filter(k -> k.getAlgorithm() == null
                        || Objects.equals(k.getAlgorithm().getName(), alg.getName()))
                .toList();
    }

    private static boolean typeFits(JWSAlgorithm alg, JWK key) {
        return switch (key) {
            case RSAKey rsa -> JWSAlgorithm.Family.RSA.contains(alg) && rsa.size() >= 2048;
            case ECKey ec ->
                Curve.forJWSAlgorithm(alg) != null && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
            case OctetKeyPair okp -> JWSAlgorithm.EdDSA.equals(alg) && Curve.Ed25519.equals(okp.getCurve());
            default -> false;
        };
    }
}
