package com.example.jwt.jose4j;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The usable keys of a JWKS document, each member judged on its own. jose4j's {@code JsonWebKeySet} fails the whole
 * set for one member it cannot read, holds RSA keys of any exponent, secp256k1 and Ed448 keys, and may read n, e, x and
 * y leniently (a number, an array, padding). Here a member is skipped, with a short reason, unless it is:
 * <ul>
 *   <li>RSA: n of 2048 bits or more, e odd with 65537 &lt;= e &lt; 2^256 and e &lt; n;</li>
 *   <li>EC: crv P-256, P-384 or P-521, its point on its curve;</li>
 *   <li>OKP: crv Ed25519, x of exactly 32 bytes;</li>
 * </ul>
 * with n, e, x and y strictly base64url strings. Any other kty (AKP, oct, unknown, missing) and a member that is not
 * an object are skipped. A document that is not a JSON object with a {@code keys} array is no JWKS (an outage).
 * {@code usable} holds the keys kept (each still subject to {@link JwksKeyResolver#mayVerify}); {@code skipped} one
 * line per skipped member: its kid, if a string, and why, never key material.
 *
 * <p>Contract: KEY-3, KEY-5.
 */
record JwksMembers(List<JsonWebKey> usable, List<String> skipped) {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> EC_CURVES = Set.of("P-256", "P-384", "P-521");
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);

    JwksMembers {
        usable = List.copyOf(usable);
        skipped = List.copyOf(skipped);
    }

    /**
     * The members of the document.
     *
     * @throws IllegalStateException when it is not a JSON object with a {@code keys} array
     */
    static JwksMembers parse(String json) {
        Map<String, Object> document;
        try {
            document = JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            throw new IllegalStateException("not a JWKS");
        }
        if (document == null || !(document.get("keys") instanceof List<?> members)) {
            throw new IllegalStateException("not a JWKS");
        }
        List<JsonWebKey> usable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Object member : members) {
            if (!(member instanceof Map<?, ?> map)) {
                skipped.add("a member that is not an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) map;
            String why;
            JsonWebKey key = null;
            try {
                why = rawProblem(jwk);
                if (why == null) {
                    key = JsonWebKey.Factory.newJwk(jwk);
                    why = keyProblem(key);
                }
            } catch (Exception e) {
                why = "parameters jose4j cannot read";
            }
            if (why == null) {
                usable.add(key);
            } else {
                skipped.add(describe(jwk.get("kid")) + ": " + why);
            }
        }
        return new JwksMembers(usable, skipped);
    }

    /** Why the member's own values make no usable key, or null: type, curve, encodings and sizes. */
    private static String rawProblem(Map<String, Object> jwk) {
        Object kty = jwk.get("kty");
        if (!(kty instanceof String)) {
            return "no kty";
        }
        switch ((String) kty) {
            case "RSA" -> {
                if (!base64url(jwk, "n") || !base64url(jwk, "e")) {
                    return "n or e missing or not base64url";
                }
                BigInteger n = unsigned(jwk, "n");
                BigInteger e = unsigned(jwk, "e");
                if (n.bitLength() < 2048) {
                    return "RSA modulus under 2048 bits";
                }
                if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.bitLength() > 256 || e.compareTo(n) >= 0) {
                    return "RSA exponent not odd, 65537 or more and below 2^256 and n";
                }
                return null;
            }
            case "EC" -> {
                if (!EC_CURVES.contains(jwk.get("crv"))) {
                    return "unsupported EC curve";
                }
                return base64url(jwk, "x") && base64url(jwk, "y") ? null : "x or y missing or not base64url";
            }
            case "OKP" -> {
                if (!"Ed25519".equals(jwk.get("crv"))) {
                    return "unsupported OKP curve";
                }
                if (!base64url(jwk, "x")) {
                    return "x missing or not base64url";
                }
                return bytes(jwk, "x").length == 32 ? null : "Ed25519 x not 32 bytes";
            }
            default -> {
                return "unsupported kty";
            }
        }
    }

    /** Why the key jose4j made is not usable, or null: an EC point must lie on its curve. */
    private static String keyProblem(JsonWebKey key) {
        if (key instanceof EllipticCurveJsonWebKey ec && !onCurve(ec.getECPublicKey())) {
            return "EC point not on its curve";
        }
        return null;
    }

    /** y^2 = x^3 + ax + b (mod p), with 0 <= x, y < p. */
    static boolean onCurve(ECPublicKey key) {
        EllipticCurve curve = key.getParams().getCurve();
        if (!(curve.getField() instanceof ECFieldFp field)) {
            return false;
        }
        BigInteger p = field.getP();
        ECPoint w = key.getW();
        if (w.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right =
                x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static boolean base64url(Map<String, Object> jwk, String name) {
        return jwk.get(name) instanceof String value && BASE64URL.matcher(value).matches() && value.length() % 4 != 1;
    }

    private static byte[] bytes(Map<String, Object> jwk, String name) {
        return Base64.getUrlDecoder().decode((String) jwk.get(name));
    }

    private static BigInteger unsigned(Map<String, Object> jwk, String name) {
        return new BigInteger(1, bytes(jwk, name));
    }

    /** The kid for a log line: a string of printable ASCII, at most 64 characters, else a placeholder. */
    private static String describe(Object kid) {
        if (!(kid instanceof String s)) {
            return "a member without a string kid";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return "kid \"" + (printable.length() > 64 ? printable.substring(0, 64) + "..." : printable) + "\"";
    }
}
