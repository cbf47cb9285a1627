package com.example.jwt.jose4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

/** Each member of a JWKS judged on its own: the usable ones kept, each kind of unusable one skipped (KEY-3, KEY-5). */
class JwksMembersTest {
    private static final KeyPair RSA = generate("RSA", 2048);
    private static final KeyPair RSA_1024 = generate("RSA", 1024);
    private static final KeyPair EC = ec();
    private static final KeyPair ED = generate("Ed25519", 0);

    @Test
    void usableKeysAreKept() {
        JwksMembers members = JwksMembers.parse(document(List.of()));
        assertEquals(List.of("rsa", "ec", "ed"), kids(members));
        assertEquals(List.of(), members.skipped());
    }

    @Test
    void weakRsaKeysAreSkipped() {
        BigInteger n = ((RSAPublicKey) RSA.getPublic()).getModulus();
        assertSkipped(List.of(
                rsa("rsa-1024", RSA_1024),
                with(rsa("rsa-e1", RSA), "e", b64(BigInteger.ONE)),
                with(rsa("rsa-e3", RSA), "e", b64(BigInteger.valueOf(3))),
                with(rsa("rsa-e-even", RSA), "e", b64(BigInteger.valueOf(65536))),
                with(rsa("rsa-e-big", RSA), "e", b64(BigInteger.TWO.pow(256).add(BigInteger.ONE))),
                with(rsa("rsa-e-ge-n", RSA), "e", b64(n.add(BigInteger.TWO)))));
    }

    @Test
    void anRsaExponentJustBelow2To256IsKept() {
        Object e = b64(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        JwksMembers members = JwksMembers.parse(document(List.of(with(rsa("rsa-e-max", RSA), "e", e))));
        assertEquals(List.of("rsa", "ec", "ed", "rsa-e-max"), kids(members));
    }

    @Test
    void membersWithMissingOrMalformedParametersAreSkipped() {
        assertSkipped(List.of(
                with(rsa("rsa-no-e", RSA), "e", null),
                with(rsa("rsa-n-not-b64", RSA), "n", "!!not*base64url"),
                with(rsa("rsa-n-number", RSA), "n", 65537),
                with(rsa("rsa-e-array", RSA), "e", List.of("AQAB")),
                with(rsa("rsa-e-padded", RSA), "e", "AQAB===="),
                with(ec("ec-no-y", EC), "y", null),
                with(ec("ec-x-not-b64", EC), "x", "***"),
                with(rsa("no-kty", RSA), "kty", null),
                with(rsa("kty-number", RSA), "kty", 1),
                with(rsa("use-number", RSA), "use", 1)));
        JwksMembers members = JwksMembers.parse(document(List.of("not an object", 7)));
        assertEquals(List.of("rsa", "ec", "ed"), kids(members));
        assertEquals(2, members.skipped().size());
    }

    @Test
    void otherKeyTypesAreSkipped() {
        assertSkipped(List.of(
                member("kty", "AKP", "kid", "akp-1", "alg", "ML-DSA-44", "pub", b64(new byte[1312])),
                member("kty", "oct", "kid", "oct-1", "k", b64(new byte[32])),
                member("kty", "unknown", "kid", "unknown-1", "x", b64(new byte[32]))));
    }

    @Test
    void unsupportedCurvesAreSkipped() {
        assertSkipped(List.of(
                member("kty", "EC", "kid", "ec-p192", "crv", "P-192", "x", b64(new byte[24]), "y", b64(new byte[24])),
                with(ec("ec-secp256k1", EC), "crv", "secp256k1"),
                with(ed("okp-x25519", ED), "crv", "X25519"),
                member("kty", "OKP", "kid", "okp-x448", "crv", "X448", "x", b64(new byte[56])),
                member("kty", "OKP", "kid", "okp-ed448", "crv", "Ed448", "x", b64(new byte[57]))));
    }

    @Test
    void anEcPointOffItsCurveIsSkipped() {
        Map<String, Object> off = ec("ec-off-curve", EC);
        byte[] y = Base64.getUrlDecoder().decode((String) off.get("y"));
        y[y.length - 1] ^= 1;
        assertSkipped(List.of(with(off, "y", b64(y))));
    }

    @Test
    void anEd25519KeyNot32BytesIsSkipped() {
        byte[] x = Base64.getUrlDecoder().decode((String) ed("ed", ED).get("x"));
        assertSkipped(List.of(
                with(ed("ed-x-31", ED), "x", b64(Arrays.copyOf(x, 31))),
                with(ed("ed-x-33", ED), "x", b64(Arrays.copyOf(x, 33)))));
    }

    @Test
    void aSkippedMemberIsDescribedByItsKidAndNeverItsKeyMaterial() {
        Map<String, Object> weak = with(rsa("rsa-e3", RSA), "e", b64(BigInteger.valueOf(3)));
        List<String> skipped = JwksMembers.parse(document(List.of(weak, member("kty", "oct", "k", "c2VjcmV0"))))
                .skipped();
        assertEquals(2, skipped.size());
        assertTrue(skipped.get(0).startsWith("kid \"rsa-e3\": "), skipped.get(0));
        assertTrue(skipped.get(1).startsWith("a member without a string kid: "), skipped.get(1));
        for (String line : skipped) {
            assertFalse(line.contains((String) weak.get("n")) || line.contains("c2VjcmV0"), line);
        }
    }

    @Test
    void aDocumentThatIsNotAJwksThrows() {
        for (String notAJwks : List.of("", "not json", "[]", "null", "{}", "{\"keys\":{}}", "{\"keys\":\"x\"}")) {
            assertThrows(IllegalStateException.class, () -> JwksMembers.parse(notAJwks), notAJwks);
        }
        assertEquals(List.of(), JwksMembers.parse("{\"keys\":[]}").usable());
    }

    /** Each of these members is skipped, and the usable keys beside them are all kept. */
    private static void assertSkipped(List<Map<String, Object>> bad) {
        JwksMembers members = JwksMembers.parse(document(new ArrayList<>(bad)));
        assertEquals(List.of("rsa", "ec", "ed"), kids(members), "only the usable keys are kept");
        assertEquals(bad.size(), members.skipped().size(), String.join("; ", members.skipped()));
        for (int i = 0; i < bad.size(); i++) {
            Object kid = bad.get(i).get("kid");
            assertTrue(
                    members.skipped().get(i).startsWith("kid \"" + kid + "\": "),
                    members.skipped().get(i));
        }
    }

    /** The usable keys rsa, ec and ed, then these members. */
    private static String document(List<Object> extra) {
        List<Object> keys = new ArrayList<>(List.of(rsa("rsa", RSA), ec("ec", EC), ed("ed", ED)));
        keys.addAll(extra);
        return JsonUtil.toJson(Map.of("keys", keys));
    }

    private static List<String> kids(JwksMembers members) {
        return members.usable().stream().map(JsonWebKey::getKeyId).toList();
    }

    private static Map<String, Object> rsa(String kid, KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return member("kty", "RSA", "kid", kid, "n", b64(key.getModulus()), "e", b64(key.getPublicExponent()));
    }

    private static Map<String, Object> ec(String kid, KeyPair pair) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        return member(
                "kty",
                "EC",
                "kid",
                kid,
                "crv",
                "P-256",
                "x",
                b64(fixed(key.getW().getAffineX())),
                "y",
                b64(fixed(key.getW().getAffineY())));
    }

    private static Map<String, Object> ed(String kid, KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: the raw key is the last 32 bytes
        return member("kty", "OKP", "kid", kid, "crv", "Ed25519", "x", b64(Arrays.copyOfRange(encoded, 12, 44)));
    }

    private static Map<String, Object> member(Object... namesAndValues) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            jwk.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return jwk;
    }

    /** The member with this parameter set to the value, or removed when it is null. */
    private static Map<String, Object> with(Map<String, Object> jwk, String name, Object value) {
        if (value == null) {
            jwk.remove(name);
        } else {
            jwk.put(name, value);
        }
        return jwk;
    }

    private static byte[] fixed(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static String b64(BigInteger unsigned) {
        byte[] bytes = unsigned.toByteArray();
        return b64(bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
