package com.example.jwt.nimbus;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
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

/**
 * Which members of a fetched JWKS document can be used. Replaces Nimbus's {@code JWKSet.parse}, which fails the whole
 * set for one member it cannot parse (so every token gets 503), takes keys of any curve it knows (P-192 is not one,
 * secp256k1 and X25519 are), decodes base64url leniently (it skips characters outside the alphabet), and takes any
 * RSA exponent. Each member is judged on its own; one that cannot be used is skipped:
 * <ul>
 *   <li>RSA: n and e strict base64url, n of 2048 bits or more, e odd with 65537 &lt;= e &lt; 2^256 (and e &lt; n);</li>
 *   <li>EC: crv P-256, P-384 or P-521, x and y strict base64url, the point on the curve (Nimbus's {@code ECKey}
 *       checks that);</li>
 *   <li>OKP: crv Ed25519, x strict base64url of exactly 32 bytes;</li>
 *   <li>any other kty (AKP, oct, unknown, none), and a member that is not an object or that Nimbus cannot parse.</li>
 * </ul>
 * Skipped members are logged (kid and reason, never key material) when they differ from the last document's, so once
 * per change of the set, never per request. A document that is not a JSON object with a {@code keys} array throws: an
 * outage (JWKS-4).
 *
 * <p>Contract: KEY-3, KEY-5.
 */
final class JwksMembers {
    private static final System.Logger LOG = System.getLogger(JwksMembers.class.getName());
    /** RFC 7515 §2: base64url without padding; a length of 4k+1 characters encodes no whole byte. */
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private static final Set<String> EC_CURVES = Set.of("P-256", "P-384", "P-521");
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65_537);
    private static final BigInteger EXPONENT_LIMIT = BigInteger.TWO.pow(256);

    private final String jwksUri;
    private List<String> lastSkipped = List.of(); // guarded by this

    /** @param jwksUri where the documents come from, for the log */
    JwksMembers(String jwksUri) {
        this.jwksUri = jwksUri;
    }

    /** The usable members of this document as a key set. */
    JWKSet usable(String document) throws ParseException {
        Object keys = JSONObjectUtils.parse(document).get("keys");
        if (!(keys instanceof List<?> members)) {
            throw new ParseException("not a JWKS: no keys array", 0);
        }
        List<JWK> usable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Object member : members) {
            Verdict verdict = judge(member);
            if (verdict.key() != null) {
                usable.add(verdict.key());
            } else {
                skipped.add("kid " + kidOf(member) + ": " + verdict.reason());
            }
        }
        logIfChanged(skipped);
        return new JWKSet(usable);
    }

    /** A member judged: its key if usable, else null and why not. */
    record Verdict(JWK key, String reason) {}

    /** This member, judged on its JSON and then as Nimbus parses it. */
    static Verdict judge(Object member) {
        String problem = problem(member);
        if (problem != null) {
            return new Verdict(null, problem);
        }
        JWK jwk;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) member;
            jwk = JWK.parse(json);
        } catch (Exception | StackOverflowError e) { // ParseException, and whatever else a bad value causes
            return new Verdict(null, "malformed, or an EC point not on its curve"); // ECKey checks the point
        }
        String unusable = switch (jwk) {
            case RSAKey rsa -> rsaProblem(rsa);
            case ECKey ec -> null;
            case OctetKeyPair okp -> okp.getDecodedX().length == 32 ? null : "Ed25519 x is not 32 bytes";
            default -> "unsupported key type";
        };
        return new Verdict(unusable == null ? jwk : null, unusable);
    }

    /** Why this member cannot be used, judged on its JSON; null if it may be, once Nimbus parses it. */
    private static String problem(Object member) {
        if (!(member instanceof Map<?, ?> jwk)) {
            return "not a JSON object";
        }
        Object kty = jwk.get("kty");
        if ("RSA".equals(kty)) {
            return base64url(jwk, "n") && base64url(jwk, "e") ? null : "n or e missing or not base64url";
        } else if ("EC".equals(kty)) {
            if (!EC_CURVES.contains(jwk.get("crv"))) {
                return "unsupported curve";
            }
            return base64url(jwk, "x") && base64url(jwk, "y") ? null : "x or y missing or not base64url";
        } else if ("OKP".equals(kty)) {
            if (!"Ed25519".equals(jwk.get("crv"))) {
                return "unsupported curve";
            }
            return base64url(jwk, "x") ? null : "x missing or not base64url";
        }
        return kty instanceof String ? "unsupported key type" : "no kty";
    }

    /** RFC 8017 §3.1 and FIPS 186-5 §5.4: n of 2048 bits or more; e odd, 65537 <= e < 2^256, and e < n. */
    private static String rsaProblem(RSAKey rsa) {
        BigInteger n = rsa.getModulus().decodeToBigInteger();
        BigInteger e = rsa.getPublicExponent().decodeToBigInteger();
        if (n.bitLength() < 2048) {
            return "RSA modulus under 2048 bits";
        }
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.compareTo(EXPONENT_LIMIT) >= 0 || e.compareTo(n) >= 0) {
            return "RSA exponent not odd, or not from 65537 to 2^256";
        }
        return null;
    }

    private static boolean base64url(Map<?, ?> jwk, String name) {
        return jwk.get(name) instanceof String value
                && value.length() % 4 != 1
                && BASE64URL.matcher(value).matches();
    }

    /** The kid for the log: a short printable string, or a placeholder. */
    private static String kidOf(Object member) {
        if (member instanceof Map<?, ?> jwk
                && jwk.get("kid") instanceof String kid
                && kid.length() <= 64
                && kid.matches("[\\x21-\\x7E]*")) {
            return "\"" + kid + "\"";
        }
        return "(none, or not printable)";
    }

    private void logIfChanged(List<String> skipped) {
        synchronized (this) {
            if (skipped.equals(lastSkipped)) {
                return;
            }
            lastSkipped = List.copyOf(skipped);
        }
        for (String description : skipped) {
            LOG.log(System.Logger.Level.WARNING, "JWKS {0}: member skipped, {1}", jwksUri, description);
        }
    }
}
