package com.example.jwt.javalin;

import java.util.List;
import java.util.Map;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * The checks jose4j's {@code JwtConsumerBuilder} has no setting for, registered as its validators:
 * <ul>
 *   <li>TOK-3: {@code typ} absent, JWT or at+jwt (RFC 8725 §3.11: a DPoP proof or a logout token is no credential);
 *       jose4j accepts any {@code typ};</li>
 *   <li>CLM-5: exp, nbf and iat are dates within the years 0001 to 9999 (RFC 7519 §2, RFC 3339); jose4j reads them as
 *       whole seconds, so 1e400 (infinity) or 1e19 would become a date that never comes;</li>
 *   <li>GW-3: the scopes a token grants, from {@code scope} (space-separated) or {@code scp} (an array).</li>
 * </ul>
 */
final class TokenChecks {
    private TokenChecks() {}

    /** A jose4j validator for TOK-3: null when fine, else the reason. */
    static String checkType(JwtContext context) {
        return allowedType(context.getJoseObjects().get(0).getHeaders().getObjectHeaderValue("typ"))
                ? null
                : "typ is not JWT or at+jwt";
    }

    static boolean allowedType(Object typ) {
        if (!(typ instanceof String s)) {
            return typ == null;
        }
        String type = s.regionMatches(true, 0, "application/", 0, 12) ? s.substring(12) : s;
        return type.equalsIgnoreCase("jwt") || type.equalsIgnoreCase("at+jwt");
    }

    /** A jose4j validator for CLM-5: null when fine, else the reason. */
    static String checkDates(JwtContext context) {
        Map<String, Object> claims = context.getJwtClaims().getClaimsMap();
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = claims.get(name);
            if (value != null
                    && !(value instanceof Number n
                            && n.doubleValue() >= -62_135_596_800d
                            && n.doubleValue() < 253_402_300_800d)) {
                return name + " is not a date between the years 0001 and 9999";
            }
        }
        return null;
    }

    /** GW-3: whether the verified claims grant this scope. */
    static boolean hasScope(Map<String, Object> claims, String scope) {
        if (claims.get("scope") instanceof String scopes
                && List.of(scopes.split(" ")).contains(scope)) {
            return true;
        }
        return claims.get("scp") instanceof List<?> scp && scp.contains(scope);
    }
}
