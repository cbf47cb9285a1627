package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.rejects;

import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.issuer.SigningKey;
import com.example.jwt.issuer.Token;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keys the JWKS holds but no token may use: RSA keys whose exponent makes a bad public key (KEY-3), and members that
 * cannot be used at all (KEY-5): unknown types and curves, missing or malformed parameters, a point off its curve, an
 * Ed25519 key of the wrong length. Each case publishes its members beside the usual keys of a new issuer; the usual
 * keys must verify before and after, and a token naming a bad member gets 401.
 */
final class KeyMemberCases {
    private KeyMemberCases() {}

    /** RSA keys of odd exponents are real key pairs; made once, as RSA key generation is slow. */
    private static final class Exponents {
        static final SigningKey ONE = SigningKey.rsaWithExponent("rsa-e1", BigInteger.ONE);
        static final SigningKey THREE = SigningKey.rsaWithExponent("rsa-e3", BigInteger.valueOf(3));
        static final SigningKey BIG =
                SigningKey.rsaWithExponent("rsa-e-big", BigInteger.TWO.pow(256).add(BigInteger.ONE));
        static final SigningKey EVEN = SigningKey.rsaWithExponent("rsa-e-even", BigInteger.valueOf(65536));
    }

    static List<Case> cases() {
        Cases cases = new Cases("keys");
        add(
                cases,
                "KEY-3.3",
                "an RSA key with exponent 1, whose signatures anyone computes, never verifies",
                issuer -> issuer.publish(Exponents.ONE),
                issuer -> List.of(issuer.tokenSignedBy(Exponents.ONE, "RS256")));
        add(
                cases,
                "KEY-3.4",
                "RSA keys with exponents outside 65537 to 2^256 (3, and 2^256+1) never verify",
                issuer -> {
                    issuer.publish(Exponents.THREE);
                    issuer.publish(Exponents.BIG);
                },
                issuer -> List.of(
                        issuer.tokenSignedBy(Exponents.THREE, "RS256"), issuer.tokenSignedBy(Exponents.BIG, "RS256")));
        add(
                cases,
                "KEY-3.5",
                "RSA members with an even exponent, or one not below the modulus, are ignored; the other keys verify",
                issuer -> {
                    issuer.publish(Exponents.EVEN);
                    Map<String, Object> big = copy(issuer.rsa2, "rsa-e-ge-n");
                    BigInteger n = ((RSAPublicKey) issuer.rsa2.keyPair().getPublic()).getModulus();
                    big.put("e", SigningKey.b64(unsigned(n.add(BigInteger.TWO))));
                    issuer.publishRaw(big);
                },
                issuer -> List.of(
                        issuer.token("RS256").header("kid", "rsa-e-even"),
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "rsa-e-ge-n")));
        add(
                cases,
                "KEY-5.2",
                "members of other key types (AKP, oct) are ignored; the other keys verify",
                issuer -> {
                    issuer.publishRaw(member(
                            "kty", "AKP", "kid", "akp-1", "alg", "ML-DSA-44", "pub", SigningKey.b64(new byte[1312])));
                    issuer.publishRaw(member("kty", "oct", "kid", "oct-1", "k", SigningKey.b64(SECRET)));
                },
                issuer -> List.of(
                        issuer.token("RS256").header("kid", "akp-1"),
                        issuer.token("RS256").header("kid", "oct-1"),
                        issuer.token("RS256")
                                .header("kid", "oct-1")
                                .header("alg", "HS256")
                                .hmacWith(SECRET)));
        add(
                cases,
                "KEY-5.3",
                "members of unsupported curves (P-192, secp256k1, X25519, X448) are ignored; the other keys verify",
                issuer -> {
                    issuer.publishRaw(
                            member("kty", "EC", "kid", "ec-p192", "crv", "P-192", "x", filler(24), "y", filler(24)));
                    issuer.publishRaw(with(copy(issuer.ec1, "ec-secp256k1"), "crv", "secp256k1"));
                    issuer.publishRaw(with(copy(issuer.ed1, "okp-x25519"), "crv", "X25519"));
                    issuer.publishRaw(member("kty", "OKP", "kid", "okp-x448", "crv", "X448", "x", filler(56)));
                },
                issuer -> List.of(
                        issuer.token("ES256").header("kid", "ec-p192"),
                        issuer.token("ES256").header("kid", "ec-secp256k1"),
                        issuer.token("EdDSA").header("kid", "okp-x25519"),
                        issuer.token("EdDSA").header("kid", "okp-x448")));
        add(
                cases,
                "KEY-5.4",
                "members with missing or malformed parameters are ignored; the other keys verify",
                issuer -> {
                    issuer.publishRaw(with(copy(issuer.rsa2, "rsa-no-e"), "e", null));
                    issuer.publishRaw(with(copy(issuer.rsa2, "rsa-n-not-b64"), "n", "!!not*base64url"));
                    issuer.publishRaw(with(copy(issuer.rsa2, "rsa-n-number"), "n", 65537));
                    issuer.publishRaw(with(copy(issuer.rsa2, "rsa-e-array"), "e", List.of("AQAB")));
                    issuer.publishRaw(with(copy(issuer.ec1, "ec-no-y"), "y", null));
                    issuer.publishRaw(with(copy(issuer.ec1, "ec-x-not-b64"), "x", "***"));
                    issuer.publishRaw(with(copy(issuer.rsa2, "no-kty"), "kty", null));
                    issuer.publishRaw("a member that is not an object");
                },
                issuer -> List.of(
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "rsa-no-e"),
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "rsa-n-not-b64"),
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "rsa-n-number"),
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "rsa-e-array"),
                        issuer.token("ES256").header("kid", "ec-no-y"),
                        issuer.token("ES256").header("kid", "ec-x-not-b64"),
                        issuer.tokenSignedBy(issuer.rsa2, "RS256").header("kid", "no-kty")));
        add(
                cases,
                "KEY-5.5",
                "an EC member whose point is not on its curve is ignored; the other keys verify",
                issuer -> {
                    byte[] y = Base64.getUrlDecoder()
                            .decode((String) issuer.ec1.jwk().get("y"));
                    y[y.length - 1] ^= 1;
                    issuer.publishRaw(with(copy(issuer.ec1, "ec-off-curve"), "y", SigningKey.b64(y)));
                },
                issuer -> List.of(issuer.token("ES256").header("kid", "ec-off-curve")));
        add(
                cases,
                "KEY-5.6",
                "Ed25519 members whose x is not 32 bytes (31, 33) are ignored; the other keys verify",
                issuer -> {
                    byte[] x = Base64.getUrlDecoder()
                            .decode((String) issuer.ed1.jwk().get("x"));
                    issuer.publishRaw(with(copy(issuer.ed1, "ed-x-31"), "x", SigningKey.b64(Arrays.copyOf(x, 31))));
                    issuer.publishRaw(with(copy(issuer.ed1, "ed-x-33"), "x", SigningKey.b64(Arrays.copyOf(x, 33))));
                },
                issuer -> List.of(
                        issuer.token("EdDSA").header("kid", "ed-x-31"),
                        issuer.token("EdDSA").header("kid", "ed-x-33")));
        return cases.list();
    }

    private static final byte[] SECRET = "a secret of thirty-two bytes....".getBytes(StandardCharsets.US_ASCII);

    /**
     * A case on a new issuer that also publishes the members {@code publish} adds: the usual keys verify, each token
     * of {@code refused} (naming a bad member) gets 401, and the usual keys still verify after those lookups.
     */
    private static void add(
            Cases cases,
            String id,
            String title,
            Consumer<MockIssuer> publish,
            Function<MockIssuer, List<Token>> refused) {
        cases.add(id, title, fresh(publish), t -> {
            usualKeysVerify(t);
            for (Token token : refused.apply(t.issuer)) {
                rejects(t, token);
            }
            usualKeysVerify(t);
        });
    }

    private static void usualKeysVerify(Target t) {
        accepts(t, t.issuer.token("RS256"));
        accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256"));
        accepts(t, t.issuer.token("ES256"));
        accepts(t, t.issuer.token("EdDSA"));
    }

    /** A key's JWK under another kid, to change as a bad member. */
    private static Map<String, Object> copy(SigningKey key, String kid) {
        Map<String, Object> jwk = new LinkedHashMap<>(key.jwk());
        jwk.put("kid", kid);
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

    private static Map<String, Object> member(Object... namesAndValues) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            jwk.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return jwk;
    }

    /** Bytes that are no key, base64url: a coordinate of the right length for its curve. */
    private static String filler(int bytes) {
        byte[] b = new byte[bytes];
        b[bytes - 1] = 1;
        return SigningKey.b64(b);
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
