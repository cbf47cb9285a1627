package com.example.jwt.nimbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.jwt.issuer.SigningKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of {@link JwksMembers}: usable members are kept, each kind of unusable one is skipped. */
class JwksMembersTest {
    private static final SigningKey RSA = SigningKey.rsa("rsa", 2048, "sig", null);
    private static final SigningKey EC = SigningKey.ec("ec");
    private static final SigningKey ED = SigningKey.ed25519("ed");

    private final JwksMembers members = new JwksMembers("https://idp.example.com/.well-known/jwks.json");

    @Test
    void usableMembersAreKeptBesideBadOnes() throws ParseException {
        JWKSet set = members.usable(document(
                RSA.jwk(), EC.jwk(), ED.jwk(), with(RSA.jwk(), "e", "Aw"), Map.of("kty", "oct", "k", "c2VjcmV0")));
        assertEquals(
                List.of("rsa", "ec", "ed"),
                set.getKeys().stream().map(JWK::getKeyID).toList());
    }

    @Test
    void eachUsableKindIsKept() {
        for (SigningKey key : List.of(RSA, EC, ED)) {
            assertNotNull(JwksMembers.judge(key.jwk()).key(), key.kid());
        }
    }

    @Test
    void rsaUnder2048BitsIsSkipped() {
        skipped(SigningKey.rsa("small", 1024, "sig", null).jwk());
    }

    @Test
    void rsaExponentsOutside65537To2Pow256AreSkipped() {
        skipped(with(RSA.jwk(), "e", "Aw")); // 3
        skipped(with(RSA.jwk(), "e", b64(BigInteger.TWO.pow(256).add(BigInteger.ONE))));
        skipped(with(RSA.jwk(), "e", b64(BigInteger.valueOf(65_536)))); // even
        skipped(with(RSA.jwk(), "e", "AQ")); // 1
    }

    @Test
    void rsaExponentNotBelowTheModulusIsSkipped() {
        BigInteger n = new BigInteger(
                1, Base64.getUrlDecoder().decode((String) RSA.jwk().get("n")));
        skipped(with(RSA.jwk(), "e", b64(n.add(BigInteger.TWO))));
    }

    @Test
    void rsaMissingOrMalformedParametersAreSkipped() {
        skipped(with(RSA.jwk(), "e", null));
        skipped(with(RSA.jwk(), "n", "!!not*base64url"));
        skipped(with(RSA.jwk(), "n", RSA.jwk().get("n") + "=")); // padding
        skipped(with(RSA.jwk(), "n", 65537));
        skipped(with(RSA.jwk(), "e", List.of("AQAB")));
    }

    @Test
    void ecCurvesOtherThanP256P384P521AreSkipped() {
        skipped(with(EC.jwk(), "crv", "secp256k1"));
        skipped(with(EC.jwk(), "crv", "P-192"));
    }

    @Test
    void ecMissingOrMalformedCoordinatesAreSkipped() {
        skipped(with(EC.jwk(), "y", null));
        skipped(with(EC.jwk(), "x", "***"));
    }

    @Test
    void ecPointOffItsCurveIsSkipped() {
        byte[] y = Base64.getUrlDecoder().decode((String) EC.jwk().get("y"));
        y[y.length - 1] ^= 1;
        skipped(with(EC.jwk(), "y", SigningKey.b64(y)));
    }

    @Test
    void okpCurvesOtherThanEd25519AreSkipped() {
        skipped(with(ED.jwk(), "crv", "X25519"));
        skipped(with(ED.jwk(), "crv", "X448"));
    }

    @Test
    void ed25519KeysNotOf32BytesAreSkipped() {
        byte[] x = Base64.getUrlDecoder().decode((String) ED.jwk().get("x"));
        skipped(with(ED.jwk(), "x", SigningKey.b64(Arrays.copyOf(x, 31))));
        skipped(with(ED.jwk(), "x", SigningKey.b64(Arrays.copyOf(x, 33))));
    }

    @Test
    void otherKeyTypesAreSkipped() {
        skipped(Map.of("kty", "AKP", "kid", "akp", "alg", "ML-DSA-44", "pub", SigningKey.b64(new byte[1312])));
        skipped(Map.of("kty", "oct", "kid", "oct", "k", "c2VjcmV0"));
        skipped(Map.of("kty", "XYZ", "kid", "unknown"));
        skipped(with(RSA.jwk(), "kty", null));
    }

    @Test
    void aMemberThatIsNotAnObjectIsSkipped() {
        skipped("a member that is not an object");
        skipped(List.of(RSA.jwk()));
    }

    @Test
    void aDocumentThatIsNotAnObjectWithAKeysArrayThrows() {
        assertThrows(ParseException.class, () -> members.usable("[" + JSONObjectUtils.toJSONString(RSA.jwk()) + "]"));
        assertThrows(ParseException.class, () -> members.usable("{\"keys\":{}}"));
        assertThrows(ParseException.class, () -> members.usable("{}"));
        assertThrows(ParseException.class, () -> members.usable("not json"));
    }

    private static void skipped(Object member) {
        JwksMembers.Verdict verdict = JwksMembers.judge(member);
        assertNull(verdict.key(), String.valueOf(member));
        assertNotNull(verdict.reason());
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

    private static String document(Object... keys) {
        return JSONObjectUtils.toJSONString(Map.of("keys", List.of(keys)));
    }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        return SigningKey.b64(b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b);
    }
}
