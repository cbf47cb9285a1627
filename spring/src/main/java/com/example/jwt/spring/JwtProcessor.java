package com.example.jwt.spring;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nimbus's {@link DefaultJWTProcessor}, what {@code NimbusJwtDecoder} runs, with two checks made before any key is
 * looked up, so that a token they refuse gets 401 whatever the state of the JWKS:
 * <ul>
 *   <li>{@code typ} absent, JWT or at+jwt (any case, optional {@code application/}). Nimbus's default verifier accepts
 *       only JWT, and Spring's {@code JwtTypeValidator} rejects at+jwt;</li>
 *   <li>exp, nbf and iat, when present, are finite numbers within the years 0001 to 9999 (RFC 7519 §2, RFC 3339).
 *       Nimbus reads them as whole seconds times 1000, so 1e19 wraps around to 1969 and 253402300800 is the year
 *       10000, and its claims set keeps only that date. So the claims are made here, the way Nimbus makes them, from
 *       the payload's JSON object, parsed once, whose values are checked first, as the token sent them.</li>
 * </ul>
 * exp, nbf, iss and aud are left to Spring's validators ({@link JwtDecoderConfiguration}): Nimbus's own claims check
 * is off.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: TOK-3, CLM-5, JWKS-8.
 */
final class JwtProcessor extends DefaultJWTProcessor<SecurityContext> {
    private static final double YEAR_1 = -62_135_596_800d;
    private static final double YEAR_10000 = 253_402_300_800d;

    JwtProcessor() {
        setJWSTypeVerifier((type, context) -> checkType(type));
        setJWTClaimsSetVerifier((claims, context) -> {});
    }

    @Override
    protected JWTClaimsSet extractJWTClaimsSet(JWT jwt) throws BadJWTException {
        Map<String, Object> json = ((JOSEObject) jwt).getPayload().toJSONObject(); // the payload's only parse
        if (json == null) {
            throw new BadJWTException("The payload is not a JSON object");
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = json.get(name);
            if (value != null
                    && !(value instanceof Number n && n.doubleValue() >= YEAR_1 && n.doubleValue() < YEAR_10000)) {
                throw new BadJWTException("Dates out of range");
            }
        }
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new BadJWTException("Malformed claims", e);
        }
    }

    private static void checkType(JOSEObjectType type) throws BadJOSEException {
        String typ =
                type == null ? "jwt" : type.getType().toLowerCase(Locale.ROOT).replaceFirst("^application/", "");
        if (!typ.equals("jwt") && !typ.equals("at+jwt")) {
            throw new BadJOSEException("typ is not JWT or at+jwt");
        }
    }
}
