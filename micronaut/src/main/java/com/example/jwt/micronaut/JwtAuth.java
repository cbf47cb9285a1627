package com.example.jwt.micronaut;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.micronaut.security.token.jwt.nimbus.ReactiveJwksSignature;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.validator.AudienceJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.IssuerJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

/**
 * The JWT check, Micronaut Security's way, as its JWT guide sets it up: the key set and the claims validators are
 * configured in application.yml ({@code micronaut.security.token.jwt.signatures.jwks.*},
 * {@code micronaut.security.token.jwt.claims-validators.*}), {@link ProtectedResource} is
 * {@code @Secured(SecurityRule.IS_AUTHENTICATED)} and gets the {@code Authentication}. Micronaut Security reads the
 * bearer token, parses it, verifies its signature with the key set, runs the claims validators, and lets the request
 * through or answers it.
 *
 * <p>Each bean below replaces the default of one of those steps where it falls short of the contract; the work is
 * in a file of its own, named for what it does, that names the requirements it serves: {@link BearerToken},
 * {@link TokenChecks}, {@link JwksKeys} (with {@link JwksFetch}), {@link SignatureVerifiers}, {@link TokenClaims},
 * {@link RequiredScope}, {@link BearerAnswers}. {@link FastSignatures} is there for speed only.
 */
@Factory
class JwtAuth {

    /** Where the token comes from (replaces the reader of {@code Authorization: Bearer}). */
    @Singleton
    @Replaces(BearerTokenReader.class)
    TokenReader<HttpRequest<?>> bearerToken(JwtSettings settings) {
        return new BearerToken(settings.header());
    }

    /** What is refused before any key is looked up (replaces Nimbus's parser as Micronaut uses it). */
    @Singleton
    @Replaces(JsonWebTokenParser.class)
    JsonWebTokenParser<JWT> tokenChecks(JwtSettings settings) {
        return new TokenChecks(settings);
    }

    /** The key set of {@code signatures.jwks}: one per trusted issuer, fetched and kept as the contract wants. */
    @Singleton
    @Replaces(ReactiveJwksSignature.class)
    ReactiveSignatureConfiguration<SignedJWT> jwksKeys(JwtSettings settings, JwkValidator verifiers) {
        return new JwksKeys(settings, verifiers);
    }

    /** The signature check with a JWK, EdDSA included. */
    @Singleton
    @Replaces(DefaultJwkValidator.class)
    JwkValidator signatureVerifiers() {
        return new FastSignatures(); // without FastSignatures.java: new SignatureVerifiers()
    }

    /** The claims validators that {@code claims-validators.*} configures, with a clock skew and exact matches. */
    @Singleton
    @Replaces(ExpirationJwtClaimsValidator.class)
    GenericJwtClaimsValidator<?> expiration(JwtSettings settings) {
        return new TokenClaims.Expiration<>(settings.clockSkew());
    }

    @Singleton
    @Replaces(NotBeforeJwtClaimsValidator.class)
    GenericJwtClaimsValidator<?> notBefore(JwtSettings settings) {
        return new TokenClaims.NotBefore<>(settings.clockSkew());
    }

    @Singleton
    @Replaces(IssuerJwtClaimsValidator.class)
    GenericJwtClaimsValidator<?> issuer(JwtSettings settings) {
        return new TokenClaims.Issuer<>(settings.jwksUris().keySet());
    }

    @Singleton
    @Replaces(AudienceJwtClaimsValidator.class)
    GenericJwtClaimsValidator<?> audience(JwtSettings settings) {
        return new TokenClaims.Audience<>(settings.audience());
    }

    /** JWT_REQUIRED_SCOPE, for the routes {@code @Secured(IS_AUTHENTICATED)}. */
    @Singleton
    SecurityRule<HttpRequest<?>> requiredScope(JwtSettings settings) {
        return new RequiredScope(settings);
    }

    /** The 401 and 403 answers, as RFC 6750 has them. */
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    ExceptionHandler<AuthorizationException, HttpResponse<?>> bearerAnswers(JwtSettings settings) {
        return new BearerAnswers(settings);
    }

    /** The 400 for malformed credentials and the 503 for a JWKS that cannot be fetched. */
    @Singleton
    ExceptionHandler<BearerAnswers.Refusal, HttpResponse<?>> refusalAnswers(JwtSettings settings) {
        return new BearerAnswers.RefusalAnswers(settings);
    }
}
