package com.example.jwt.micronaut;

import com.example.jwt.nimbus.BearerToken;
import com.example.jwt.nimbus.FastSignatures;
import com.example.jwt.nimbus.Rejection;
import com.example.jwt.nimbus.TokenVerifier;
import com.example.jwt.nimbus.VerifierSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The JWT check, Micronaut Security's way: {@link ProtectedResource} is {@code @Secured(SecurityRule.IS_AUTHENTICATED)}
 * and gets the {@code Authentication}; Micronaut Security reads the bearer token with a {@link TokenReader}, turns it
 * into an {@code Authentication} with a {@link TokenValidator}, applies its security rules, and answers a refusal with
 * its exception handler. The beans below plug the module's check (nimbus-hardening) into those steps:
 * <ul>
 *   <li>the token reader, replacing {@code BearerTokenReader} (which reads the first of two headers and takes any text
 *       after {@code Bearer}): the module's {@link BearerToken};</li>
 *   <li>the token validator, the module's {@link TokenVerifier}. application.yml turns off Micronaut's own
 *       ({@code nimbus.reactive-validator: false}), which takes one key set for every issuer, tries every key for a
 *       token without kid, needs no exp, and knows no EdDSA;</li>
 *   <li>{@link RequiredScope}, a security rule, and {@link BearerAnswers}, the 400/401/403/503 answers.</li>
 * </ul>
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: BRR-1..BRR-4, GW-1..GW-3, JWKS-4, and through the module every requirement of the token.
 */
@Factory
class JwtAuth {

    /** The module's verifier, made at startup: a bad setting stops the app (CFG-1, CFG-2). */
    @Context
    TokenVerifier tokenVerifier(JwtSettings settings, @Value("${port:8080}") String port) {
        VerifierSettings.wholeNumber("PORT", port, 0, 65_535); // Micronaut's own error names micronaut.server.port
        return new TokenVerifier(settings.verifierSettings(), new FastSignatures()); // speed only; else one argument
    }

    /** The token from one {@code Authorization: Bearer} (or JWT_HEADER); 400 for a malformed or repeated header. */
    @Singleton
    @Replaces(BearerTokenReader.class)
    TokenReader<HttpRequest<?>> bearerToken(JwtSettings settings) {
        return request -> {
            try {
                String token =
                        BearerToken.from(settings.header(), request.getHeaders().getAll(settings.header()));
                request.setAttribute(BearerAnswers.TOKEN_SENT, true); // an invalid token gets invalid_token
                return Optional.of(token);
            } catch (Rejection rejection) {
                if (rejection.status() == 401) {
                    return Optional.empty(); // no credentials
                }
                throw new BearerAnswers.Refused(rejection);
            }
        };
    }

    /** The verified claims as the {@code Authentication}; none for an invalid token (401), 503 in an outage. */
    @Singleton
    TokenValidator<HttpRequest<?>> tokenValidator(TokenVerifier verifier) {
        return (token, request) -> {
            CompletableFuture<Authentication> authentication = new CompletableFuture<>();
            verifier.verifyAsync(token).whenComplete((claims, failure) -> {
                if (claims != null && claims.get("sub") instanceof String subject) {
                    authentication.complete(Authentication.build(subject, List.of(), claims));
                } else if (failure instanceof Rejection rejection && rejection.status() == 503) {
                    authentication.completeExceptionally(new BearerAnswers.Refused(rejection));
                } else {
                    authentication.complete(null); // refused, or no sub (as Micronaut's SubjectNotNull validator)
                }
            });
            return Publishers.fromCompletableFuture(authentication);
        };
    }

    /** JWT_REQUIRED_SCOPE, for the routes {@code @Secured(IS_AUTHENTICATED)}. */
    @Singleton
    RequiredScope requiredScope(JwtSettings settings) {
        return new RequiredScope(settings.requiredScope());
    }
}
