package com.example.jwt.spring;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's {@link DefaultJWSVerifierFactory}, knowing EdDSA too: a verifier for every algorithm JWT_ALGORITHMS may
 * allow, EdDSA (the default's first) included, and the Java key for a JWK. It replaces what {@code NimbusJwtDecoder}
 * uses: Nimbus's factory knows RSA and EC only, and Nimbus's own {@code Ed25519Verifier} needs Google Tink; the JDK
 * verifies Ed25519 itself. RSA and EC go to Nimbus's verifiers. {@link FastSignatures} does the same, faster.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: ALG-1, ALG-3, KEY-2 (and ANS-1, CON-1 for EdDSA tokens).
 */
class JwsVerifierFactory extends DefaultJWSVerifierFactory {
    /** An Ed25519 public key in X.509 form (RFC 8410) is this DER prefix and the 32 bytes of the JWK's x. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The JWK as a Java public key, or none when it is not a usable one. Made for each token. */
    List<Key> javaKeys(JWK jwk) {
        try {
            Key key = switch (jwk) {
                case RSAKey rsa -> rsa.toPublicKey();
                case ECKey ec -> ec.toPublicKey(); // checks that the point is on the curve
                case OctetKeyPair okp ->
                    Curve.Ed25519.equals(okp.getCurve())
                            ? KeyFactory.getInstance("Ed25519")
                                    .generatePublic(new X509EncodedKeySpec(concat(
                                            ED25519_X509_PREFIX, okp.getX().decode())))
                            : null;
                default -> null;
            };
            return key == null ? List.of() : List.of(key);
        } catch (JOSEException | GeneralSecurityException e) {
            return List.of();
        }
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        return JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
                ? new JcaVerifier(JWSAlgorithm.EdDSA, "Ed25519", key, null)
                : super.createJWSVerifier(header, key);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        Set<JWSAlgorithm> all = new HashSet<>(super.supportedJWSAlgorithms());
        all.add(JWSAlgorithm.EdDSA);
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A verifier on a JCA {@link Signature} of this name, from the given provider (null: the JDK's). */
    record JcaVerifier(JWSAlgorithm alg, String jcaName, Key key, Provider provider) implements JWSVerifier {
        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            if (header.getCriticalParams() != null || !(key instanceof PublicKey publicKey)) {
                return false; // no extension is understood (RFC 7515 §4.1.11)
            }
            try {
                Signature verifier =
                        provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
                verifier.initVerify(publicKey);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException | RuntimeException e) {
                return false; // a key of another type, or a signature of the wrong length
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(alg);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
