package com.example.jwt.micronaut;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a token and refuses what can be refused without keys. Replaces Micronaut Security's
 * {@code NimbusJsonWebTokenParser}, which passes on an unsigned ({@code alg: none}) or encrypted token, any algorithm,
 * any {@code typ}, and dates Nimbus reads as whole seconds; and after it every check waits for the keys. Here, before
 * any key is looked up (so a token refused here gets 401 whatever the state of the JWKS):
 * <ul>
 *   <li>TOK-1: a compact JWS only: three parts, a signature, a payload that is a JSON object;</li>
 *   <li>ALG-1, ALG-2: {@code alg} in JWT_ALGORITHMS (never {@code none}, never HMAC); TOK-2: no {@code crit};</li>
 *   <li>TOK-3: {@code typ} absent, JWT or at+jwt (any case, optional {@code application/});</li>
 *   <li>CLM-5: exp, nbf and iat, when present, are numbers within the years 0001 to 9999 (Nimbus reads them as
 *       whole seconds times 1000, so 1e19 wraps around to 1969 and 253402300800 is the year 10000);</li>
 *   <li>CLM-1, GW-1: {@code iss} is one of JWT_ISSUER, exactly, so that no unlisted issuer makes the app fetch;</li>
 *   <li>TOK-4, ANS-5: hostile JSON (nested deeper than 32 levels, huge numbers) is an invalid token, whatever the
 *       parser throws.</li>
 * </ul>
 * The payload is parsed once: the claims made here are the ones the claims validators and the Authentication read.
 *
 * <p>Contract: TOK-1, TOK-2, TOK-3, TOK-4, ALG-1, ALG-2, CLM-1, CLM-5, GW-1, JWKS-8, ANS-5.
 */
final class TokenChecks implements JsonWebTokenParser<JWT> {
    private static final double YEAR_1 = -62_135_596_800d;
    private static final double YEAR_10000 = 253_402_300_800d;
    /** Claims nested deeper than this make an invalid token: the 200 answer would have to write them back. */
    private static final int MAX_DEPTH = 32;

    private final Set<String> algorithms;
    private final Set<String> issuers;

    TokenChecks(JwtSettings settings) {
        algorithms = settings.algorithms();
        issuers = settings.jwksUris().keySet();
    }

    @Override
    public Optional<JWT> parse(String token) {
        try {
            return Optional.ofNullable(check(token));
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            return Optional.empty(); // hostile input is an invalid token, never a 500
        }
    }

    @Override
    public Optional<Claims> parseClaims(String token) {
        return parse(token).map(jwt -> new JwtClaimsSetAdapter(((CheckedJwt) jwt).claims));
    }

    private SignedJWT check(String token) throws ParseException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return null;
        }
        CheckedJwt jwt = new CheckedJwt(parts);
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm().getName())
                || header.getCriticalParams() != null
                || !typeAllowed(header.getType())) {
            return null;
        }
        Map<String, Object> payload = jwt.getPayload().toJSONObject(); // the payload's only parse
        if (payload == null
                || !(payload.get("iss") instanceof String iss)
                || !issuers.contains(iss)
                || deeperThan(payload, MAX_DEPTH)) {
            return null;
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = payload.get(name);
            if (value != null
                    && !(value instanceof Number n && n.doubleValue() >= YEAR_1 && n.doubleValue() < YEAR_10000)) {
                return null;
            }
        }
        jwt.claims = JWTClaimsSet.parse(payload);
        return jwt;
    }

    /** Whether JSON values are nested deeper than this (counted without recursion, the JSON may be hostile). */
    private static boolean deeperThan(Object json, int limit) {
        Deque<Map.Entry<Object, Integer>> pending = new ArrayDeque<>(List.of(Map.entry(json, 1)));
        while (!pending.isEmpty()) {
            Map.Entry<Object, Integer> next = pending.pop();
            Collection<?> children = next.getKey() instanceof Map<?, ?> map
                    ? map.values()
                    : next.getKey() instanceof Collection<?> list ? list : List.of();
            for (Object child : children) {
                if (child instanceof Map || child instanceof Collection) {
                    if (next.getValue() >= limit) {
                        return true;
                    }
                    pending.push(Map.entry(child, next.getValue() + 1));
                }
            }
        }
        return false;
    }

    private static boolean typeAllowed(JOSEObjectType type) {
        String typ =
                type == null ? "jwt" : type.getType().toLowerCase(Locale.ROOT).replaceFirst("^application/", "");
        return typ.equals("jwt") || typ.equals("at+jwt");
    }

    /** A signed JWT whose claims were made once, from the checked payload. */
    private static final class CheckedJwt extends SignedJWT {
        private JWTClaimsSet claims;

        CheckedJwt(String[] parts) throws ParseException {
            super(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        }

        @Override
        public JWTClaimsSet getJWTClaimsSet() {
            return claims;
        }
    }
}
