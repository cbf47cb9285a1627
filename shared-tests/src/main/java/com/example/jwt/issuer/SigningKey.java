package com.example.jwt.issuer;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A key pair of the mock issuer (or of an attacker), with its public JWK. Plain JCA, no JOSE library. */
public final class SigningKey {
    private final String kid;
    private final KeyPair pair;
    private final Map<String, Object> jwk;
    /** The modulus of a key published with e = 1, whose RS256 signatures anyone computes; else null. */
    private final BigInteger exponentOneModulus;

    private SigningKey(String kid, KeyPair pair, Map<String, Object> jwk) {
        this(kid, pair, jwk, null);
    }

    private SigningKey(String kid, KeyPair pair, Map<String, Object> jwk, BigInteger exponentOneModulus) {
        this.kid = kid;
        this.pair = pair;
        this.jwk = jwk;
        this.exponentOneModulus = exponentOneModulus;
    }

    /** An RSA key. {@code use} and {@code alg} go into the JWK when not null. */
    public static SigningKey rsa(String kid, int bits, String use, String alg) {
        KeyPair pair = generate("RSA", bits);
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        putIfPresent(jwk, "use", use);
        putIfPresent(jwk, "alg", alg);
        jwk.put("n", b64(unsigned(pub.getModulus())));
        jwk.put("e", b64(unsigned(pub.getPublicExponent())));
        return new SigningKey(kid, pair, jwk);
    }

    /**
     * An RSA-2048 key with this public exponent: odd exponents of 3 and more are real key pairs, which sign as any
     * other. An exponent of 1 (or an even one) makes no key pair; the JWK publishes a fresh 2048-bit modulus with it,
     * and {@link #sign} computes what anyone can: with e = 1 an RS256 "signature" is the PKCS#1 v1.5 encoded message
     * itself, which verifies, since s^1 mod n = s. A verifier that accepts such a key accepts tokens without any
     * private key.
     */
    public static SigningKey rsaWithExponent(String kid, BigInteger e) {
        KeyPair pair;
        if (e.testBit(0) && e.compareTo(BigInteger.valueOf(3)) >= 0) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(new RSAKeyGenParameterSpec(2048, e));
                pair = gen.generateKeyPair();
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        } else {
            pair = new KeyPair(generate("RSA", 2048).getPublic(), null); // its modulus, with the exponent below
        }
        BigInteger n = ((RSAPublicKey) pair.getPublic()).getModulus();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("n", b64(unsigned(n)));
        jwk.put("e", b64(unsigned(e)));
        return new SigningKey(kid, pair, jwk, e.equals(BigInteger.ONE) ? n : null);
    }

    /** An EC P-256 key for ES256. */
    public static SigningKey ec(String kid) {
        KeyPair pair;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            pair = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("crv", "P-256");
        jwk.put("x", b64(fixed(pub.getW().getAffineX(), 32)));
        jwk.put("y", b64(fixed(pub.getW().getAffineY(), 32)));
        return new SigningKey(kid, pair, jwk);
    }

    /** An Ed25519 key for EdDSA (an OKP JWK, RFC 8037). */
    public static SigningKey ed25519(String kid) {
        KeyPair pair = generate("Ed25519", 0);
        byte[] encoded = pair.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: the raw key is the last 32 bytes
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("crv", "Ed25519");
        jwk.put("x", b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
        return new SigningKey(kid, pair, jwk);
    }

    /**
     * The same key pair published under another kid, with these JWK members (name, value, ...) set, or removed where
     * the value is null: for keys whose {@code alg}, {@code use} or {@code key_ops} say what they may be used for.
     */
    public SigningKey publishedAs(String kid, Object... members) {
        Map<String, Object> copy = new LinkedHashMap<>(jwk);
        copy.put("kid", kid);
        for (int i = 0; i + 1 < members.length; i += 2) {
            if (members[i + 1] == null) {
                copy.remove((String) members[i]);
            } else {
                copy.put((String) members[i], members[i + 1]);
            }
        }
        return new SigningKey(kid, pair, copy, exponentOneModulus);
    }

    public String kid() {
        return kid;
    }

    /** The public JWK as the JWKS publishes it. */
    public Map<String, Object> jwk() {
        return new LinkedHashMap<>(jwk);
    }

    public KeyPair keyPair() {
        return pair;
    }

    /** The public key in PEM form, as someone would paste it into an HMAC secret by mistake. */
    public String publicPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** Signs with this key's private key using the JCA form of a JWS algorithm. */
    public byte[] sign(String jwsAlg, byte[] input) {
        if (exponentOneModulus != null && jwsAlg.equals("RS256")) {
            return encodedMessage(input, (exponentOneModulus.bitLength() + 7) / 8);
        }
        if (pair.getPrivate() == null) {
            throw new IllegalStateException(kid + " has no private key");
        }
        return sign(jwsAlg, pair.getPrivate(), input);
    }

    /** The PKCS#1 v1.5 encoding of an RS256 signature's input (RFC 8017 §9.2): 00 01 FF..FF 00 DigestInfo hash. */
    private static byte[] encodedMessage(byte[] input, int length) {
        byte[] digestInfo = java.util.HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] em = new byte[length];
        Arrays.fill(em, (byte) 0xFF);
        em[0] = 0;
        em[1] = 1;
        int t = digestInfo.length + hash.length;
        em[length - t - 1] = 0;
        System.arraycopy(digestInfo, 0, em, length - t, digestInfo.length);
        System.arraycopy(hash, 0, em, length - hash.length, hash.length);
        return em;
    }

    static byte[] sign(String jwsAlg, PrivateKey key, byte[] input) {
        try {
            Signature s = switch (jwsAlg) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "RS384" -> Signature.getInstance("SHA384withRSA");
                case "PS256" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "EdDSA" -> Signature.getInstance("Ed25519");
                default -> throw new IllegalArgumentException("no signer for " + jwsAlg);
            };
            s.initSign(key);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String type, int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(type);
            if (bits > 0) {
                gen.initialize(bits);
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(Map<String, Object> jwk, String name, String value) {
        if (value != null) {
            jwk.put(name, value);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] fixed(BigInteger n, int length) {
        byte[] b = unsigned(n);
        byte[] out = new byte[length];
        System.arraycopy(b, 0, out, length - b.length, b.length);
        return out;
    }

    /** Unpadded base64url, as JWS uses it. */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
