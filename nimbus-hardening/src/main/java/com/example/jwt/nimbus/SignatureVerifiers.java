package com.example.jwt.nimbus;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks a token's signature with a JWK, for every algorithm JWT_ALGORITHMS may allow, EdDSA (Zuplo's, and the
 * default's first) included. It replaces the frameworks' verifiers: Spring's {@code DefaultJWSVerifierFactory} and
 * Micronaut Security's {@code DefaultJwkValidator} know RSA and EC keys only (Nimbus's own {@code Ed25519Verifier}
 * needs Google Tink); the JDK verifies Ed25519 itself. RSA and EC go to Nimbus's verifiers, which also refuse the
 * all-zero ECDSA signature and a {@code crit} header.
 * {@link FastSignatures} does the same, faster.
 *
 * <p>Contract: ALG-1 (EdDSA is the default's first), ALG-3, KEY-2 (and ANS-1, CON-1 for EdDSA tokens).
 */
public class SignatureVerifiers {
    /** An Ed25519 public key in X.509 form (RFC 8410) is this DER prefix and the 32 bytes of the JWK's x. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** Whether this key verifies the token's signature. */
    boolean verify(SignedJWT jwt, JWK jwk) {
        try {
            JWSVerifier verifier = verifier(jwt.getHeader().getAlgorithm(), jwk);
            return verifier != null && jwt.verify(verifier);
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false; // a key that is not usable, or a signature of the wrong length
        }
    }

    /** A verifier for this algorithm with this key, or null. Made for each token. */
    JWSVerifier verifier(JWSAlgorithm alg, JWK jwk) throws JOSEException, GeneralSecurityException {
        return switch (jwk) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec); // checks that the point is on the curve
            case OctetKeyPair okp
            when Curve.Ed25519.equals(okp.getCurve()) -> new JcaVerifier(alg, "Ed25519", ed25519(okp), null);
            default -> null;
        };
    }

    static PublicKey ed25519(OctetKeyPair okp) throws GeneralSecurityException {
        byte[] x = okp.getX().decode();
        byte[] der = new byte[ED25519_X509_PREFIX.length + x.length];
        System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
        System.arraycopy(x, 0, der, ED25519_X509_PREFIX.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /** A verifier on a JCA {@link Signature} of this name, from the given provider (null: the JDK's). */
    record JcaVerifier(JWSAlgorithm alg, String jcaName, PublicKey key, Provider provider) implements JWSVerifier {
        @Override
        public boolean verify(com.nimbusds.jose.JWSHeader header, byte[] signingInput, Base64URL signature) {
            if (header.getCriticalParams() != null || !alg.equals(header.getAlgorithm())) {
                return false; // no extension is understood (RFC 7515 §4.1.11)
            }
            try {
                Signature verifier =
                        provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
                verifier.initVerify(key);
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
