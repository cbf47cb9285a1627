package com.example.jwt.spring;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of a fetched JWKS that can be used, judged one by one before Nimbus sees the set: {@code JWKSet.parse}
 * fails the whole set for one member it cannot parse, so one odd key of an issuer made every token a 503. A member is
 * kept when Nimbus parses it on its own and it is
 * <ul>
 *   <li>RSA with a modulus of at least 2048 bits and an odd exponent e, 65537 &lt;= e &lt; 2^256 and e &lt; n;</li>
 *   <li>EC on P-256, P-384 or P-521, its point on the curve (Nimbus's {@code ECKey} checks that);</li>
 *   <li>OKP on Ed25519, x exactly 32 bytes;</li>
 * </ul>
 * its numbers strict base64url (no padding, no other alphabet, a string). Any other member (AKP, oct, another curve or
 * type, no kty, not an object) is skipped, and logged with its kid and a short reason when the skipped members change,
 * never per request.
 *
 * <p>Contract: KEY-3, KEY-5.
 */
final class JwksMembers {
    private static final Logger LOG = LoggerFactory.getLogger(JwksMembers.class);
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);

    private volatile List<String> lastSkipped = List.of();

    /**
     * The JWKS of the usable members of {@code document}.
     *
     * @throws ParseException when the document is not a JSON object with a {@code keys} array (an outage)
     */
    String usable(String document) throws ParseException {
        Map<String, Object> json = JSONObjectUtils.parse(document);
        if (!(json.get("keys") instanceof List<?> members)) {
            throw new ParseException("no keys array", 0);
        }
        List<Object> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Object member : members) {
            String reason = unusable(member);
            if (reason == null) {
                kept.add(member);
            } else {
                skipped.add(kid(member) + " (" + reason + ")");
            }
        }
        if (!skipped.equals(lastSkipped)) {
            lastSkipped = List.copyOf(skipped);
            if (!skipped.isEmpty()) {
                LOG.warn("JWKS members skipped: {}", String.join(", ", skipped));
            }
        }
        return JSONObjectUtils.toJSONString(Map.of("keys", kept));
    }

    /** Why this member cannot be used, or null when it can. */
    static String unusable(Object member) {
        if (!(member instanceof Map<?, ?> map)) {
            return "not a JSON object";
        }
        if (!(map.get("kty") instanceof String kty)) {
            return "no kty";
        }
        List<String> numbers = switch (kty) {
            case "RSA" -> List.of("n", "e");
            case "EC" -> List.of("x", "y");
            case "OKP" -> List.of("x");
            default -> null;
        };
        if (numbers == null) {
            return "unsupported kty";
        }
        for (String name : numbers) {
            if (!(map.get(name) instanceof String value)
                    || !BASE64URL.matcher(value).matches()) {
                return name + " missing or not base64url";
            }
        }
        JWK jwk;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            jwk = JWK.parse(object);
        } catch (Exception e) { // whatever Nimbus throws for it: ParseException, IllegalArgumentException, ...
            return "malformed";
        }
        return switch (jwk) {
            case RSAKey rsa -> unusableRsa(rsa);
            case ECKey ec -> EC_CURVES.contains(ec.getCurve()) ? null : "unsupported curve";
            case OctetKeyPair okp ->
                !Curve.Ed25519.equals(okp.getCurve())
                        ? "unsupported curve"
                        : okp.getX().decode().length != 32 ? "x not 32 bytes" : null;
            default -> "unsupported kty";
        };
    }

    private static String unusableRsa(RSAKey rsa) {
        BigInteger n = rsa.getModulus().decodeToBigInteger();
        BigInteger e = rsa.getPublicExponent().decodeToBigInteger();
        if (n.bitLength() < 2048) {
            return "RSA modulus under 2048 bits";
        }
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.bitLength() > 256 || e.compareTo(n) >= 0) {
            return "RSA exponent not odd, 65537 to 2^256";
        }
        return null;
    }

    /** The member's kid for the log, when it is a short printable string. */
    private static String kid(Object member) {
        Object kid = member instanceof Map<?, ?> map ? map.get("kid") : null;
        if (kid instanceof String s && s.matches("[\\x21-\\x7e]{1,64}")) {
            return "kid " + s;
        }
        return kid instanceof String ? "a member with a long or unprintable kid" : "a member without kid";
    }
}
