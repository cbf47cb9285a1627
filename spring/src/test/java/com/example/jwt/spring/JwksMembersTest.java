package com.example.jwt.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of {@link JwksMembers}: a usable member is kept, an unusable one dropped, the rest of the set kept. */
class JwksMembersTest {
    private static final RSAPublicKey RSA = rsa(2048, RSAKeyGenParameterSpec.F4);
    private static final ECPublicKey P256 = ec("secp256r1");
    private final JwksMembers members = new JwksMembers();

    @Test
    void usableMembersAreKept() throws Exception {
        List<Object> good = List.of(
                rsaMember("rsa"),
                new ECKey.Builder(Curve.P_256, P256).keyID("p256").build().toJSONObject(),
                new ECKey.Builder(Curve.P_384, ec("secp384r1"))
                        .keyID("p384")
                        .build()
                        .toJSONObject(),
                new ECKey.Builder(Curve.P_521, ec("secp521r1"))
                        .keyID("p521")
                        .build()
                        .toJSONObject(),
                okp("ed", "Ed25519", 32));
        assertEquals(List.of("rsa", "p256", "p384", "p521", "ed"), kept(good.toArray()));
    }

    @Test
    void rsaUnder2048BitsIsDropped() throws Exception {
        assertDropped(new RSAKey.Builder(rsa(1024, RSAKeyGenParameterSpec.F4))
                .keyID("bad")
                .build()
                .toJSONObject());
    }

    @Test
    void rsaExponentsOutside65537To2Pow256OrEvenOrNotBelowNAreDropped() throws Exception {
        assertDropped(new RSAKey.Builder(rsa(2048, BigInteger.valueOf(3)))
                .keyID("bad")
                .build()
                .toJSONObject());
        assertDropped(with(rsaMember("bad"), "e", b64(BigInteger.ONE)));
        assertDropped(with(rsaMember("bad"), "e", b64(BigInteger.valueOf(65538))));
        assertDropped(with(rsaMember("bad"), "e", b64(BigInteger.TWO.pow(256).add(BigInteger.ONE))));
        assertDropped(with(rsaMember("bad"), "e", b64(RSA.getModulus().add(BigInteger.TWO))));
        assertEquals(
                List.of("ok"),
                kept(with(rsaMember("ok"), "e", b64(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)))));
    }

    @Test
    void rsaNumbersThatAreNotStrictBase64UrlAreDropped() throws Exception {
        assertDropped(with(rsaMember("bad"), "e", null));
        assertDropped(with(rsaMember("bad"), "n", "!!not*base64url"));
        assertDropped(with(rsaMember("bad"), "n", 65537));
        assertDropped(with(rsaMember("bad"), "e", List.of("AQAB")));
        assertDropped(with(rsaMember("bad"), "e", "AQAB=")); // padding
        assertDropped(with(rsaMember("bad"), "e", "AQ+B")); // the other alphabet
    }

    @Test
    void ecMembersOfOtherCurvesOrMalformedOrOffTheirCurveAreDropped() throws Exception {
        Map<String, Object> p256 =
                new ECKey.Builder(Curve.P_256, P256).keyID("bad").build().toJSONObject();
        assertDropped(with(p256, "crv", "secp256k1"));
        assertDropped(with(p256, "crv", "P-192"));
        assertDropped(with(p256, "y", null));
        assertDropped(with(p256, "x", "***"));
        byte[] y = Base64URL.from((String) p256.get("y")).decode();
        y[y.length - 1] ^= 1;
        assertDropped(with(p256, "y", Base64URL.encode(y).toString()));
    }

    @Test
    void okpMembersOtherThanEd25519Of32BytesAreDropped() throws Exception {
        assertDropped(okp("bad", "X25519", 32));
        assertDropped(okp("bad", "X448", 56));
        assertDropped(okp("bad", "Ed448", 57));
        assertDropped(okp("bad", "Ed25519", 31));
        assertDropped(okp("bad", "Ed25519", 33));
    }

    @Test
    void otherKeyTypesNoKtyAndNonObjectsAreDropped() throws Exception {
        assertDropped(member("kty", "oct", "kid", "bad", "k", "c2VjcmV0"));
        assertDropped(member("kty", "AKP", "kid", "bad", "alg", "ML-DSA-44", "pub", "AAAA"));
        assertDropped(member("kty", "unknown", "kid", "bad"));
        assertDropped(with(rsaMember("bad"), "kty", null));
        assertDropped("a member that is not an object");
        assertDropped(42);
    }

    @Test
    void aDocumentThatIsNotAnObjectWithAKeysArrayThrows() {
        for (String document : List.of("", "[]", "not json", "{}", "{\"keys\":{}}", "{\"keys\":\"x\"}")) {
            assertThrows(ParseException.class, () -> members.usable(document), document);
        }
    }

    /** The kids of the members kept from a JWKS of these members, as Nimbus reads the result. */
    private List<String> kept(Object... jwks) throws ParseException {
        String document = JSONObjectUtils.toJSONString(Map.of("keys", Arrays.asList(jwks)));
        return JWKSet.parse(members.usable(document)).getKeys().stream()
                .map(JWK::getKeyID)
                .toList();
    }

    /** This member is dropped and a usable one beside it kept. */
    private void assertDropped(Object member) throws ParseException {
        assertEquals(List.of("good"), kept(member, rsaMember("good")), String.valueOf(member));
    }

    private static Map<String, Object> rsaMember(String kid) {
        return new RSAKey.Builder(RSA).keyID(kid).build().toJSONObject();
    }

    private static Map<String, Object> okp(String kid, String crv, int bytes) {
        byte[] x = new byte[bytes];
        Arrays.fill(x, (byte) 7);
        return member(
                "kty", "OKP", "kid", kid, "crv", crv, "x", Base64URL.encode(x).toString());
    }

    private static Map<String, Object> member(Object... namesAndValues) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            jwk.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return jwk;
    }

    private static Map<String, Object> with(Map<String, Object> jwk, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(jwk);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    private static String b64(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return Base64URL.encode(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes)
                .toString();
    }

    private static RSAPublicKey rsa(int bits, BigInteger e) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, e));
            return (RSAPublicKey) generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ECPublicKey ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return (ECPublicKey) generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
