package com.example.jwt.micronaut;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.Set;

/**
 * The claims validators Micronaut Security runs once the signature is verified, as the contract wants them. Each
 * replaces the one of Micronaut Security that reads the same {@code claims-validators.*} property:
 * <ul>
 *   <li>{@link Expiration}, for {@code ExpirationJwtClaimsValidator}, which accepts a token without exp (it never
 *       expires) and allows no clock skew: exp is required, and valid until exp + JWT_CLOCK_SKEW_SECONDS (CLM-2);</li>
 *   <li>{@link NotBefore}, for {@code NotBeforeJwtClaimsValidator} (only there with {@code not-before: true}), which
 *       allows no clock skew: valid from nbf - JWT_CLOCK_SKEW_SECONDS (CLM-3);</li>
 *   <li>{@link Issuer}, for {@code IssuerJwtClaimsValidator}, which takes a suffix match ignoring the scheme for a
 *       match ({@code http://idp} passes for {@code https://idp}) and knows one issuer: iss is one of JWT_ISSUER,
 *       exactly (CLM-1, GW-1; {@link TokenChecks} checked it already, before any key was fetched);</li>
 *   <li>{@link Audience}, for {@code AudienceJwtClaimsValidator}, which rejects every token when the property is
 *       there but empty: aud contains JWT_AUDIENCE, and is not checked when JWT_ALLOW_ANY_AUDIENCE=true (CLM-4;
 *       {@link JwtSettings} requires one of them).</li>
 * </ul>
 *
 * <p>Contract: CLM-1, CLM-2, CLM-3, CLM-4, GW-1.
 */
final class TokenClaims {
    private TokenClaims() {}

    record Expiration<T>(Duration skew) implements GenericJwtClaimsValidator<T> {
        @Override
        public boolean validate(Claims claims, T request) {
            return claims.get(Claims.EXPIRATION_TIME) instanceof Date exp
                    && System.currentTimeMillis() < exp.getTime() + skew.toMillis();
        }
    }

    record NotBefore<T>(Duration skew) implements GenericJwtClaimsValidator<T> {
        @Override
        public boolean validate(Claims claims, T request) {
            Object nbf = claims.get(Claims.NOT_BEFORE);
            return nbf == null
                    || nbf instanceof Date date && System.currentTimeMillis() >= date.getTime() - skew.toMillis();
        }
    }

    record Issuer<T>(Set<String> issuers) implements GenericJwtClaimsValidator<T> {
        @Override
        public boolean validate(Claims claims, T request) {
            return claims.get(Claims.ISSUER) instanceof String iss && issuers.contains(iss);
        }
    }

    record Audience<T>(String audience) implements GenericJwtClaimsValidator<T> {
        @Override
        public boolean validate(Claims claims, T request) {
            Object aud = claims.get(Claims.AUDIENCE);
            return audience == null
                    || (aud instanceof Collection<?> list ? list.contains(audience) : audience.equals(aud));
        }
    }
}
