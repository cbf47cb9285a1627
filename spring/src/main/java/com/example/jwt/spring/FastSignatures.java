package com.example.jwt.spring;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Speed only, for no contract requirement: {@link JwsVerifierFactory}, for less CPU per token. It replaces two
 * defaults:
 * <ul>
 *   <li>the JDK's SunEC provider for ES256/384/512 and Ed25519: it spends about 0.8 to 0.9 ms per verification on the
 *       benchmark machine, BouncyCastle's provider 0.12 to 0.16 ms. RSA stays with the JDK (through Nimbus's
 *       verifier), the fastest for it. BouncyCastle's provider is used by instance: it is not added to the JVM's
 *       provider list;</li>
 *   <li>a Java key made from the JWK for each token (what Nimbus's key selector does): building it (key factory, point
 *       check) costs more than an RSA verification. Here each JWK becomes a key once; equal JWKs of a refetched set hit
 *       the same entry.</li>
 * </ul>
 * {@link JwtDecoderConfiguration} opts in with {@code new FastSignatures()}; nothing else refers to this file. To go
 * without it, delete it, write {@code new JwsVerifierFactory()} there, and drop the {@code bcprov-jdk18on} dependency.
 *
 * <p>Optional: speed only.
 */
final class FastSignatures extends JwsVerifierFactory {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private final Map<JWK, List<Key>> javaKeys = new ConcurrentHashMap<>();

    @Override
    List<Key> javaKeys(JWK jwk) {
        if (javaKeys.size() > 64) {
            javaKeys.clear(); // only a JWKS that keeps rotating gets here: never grow without bound
        }
        return javaKeys.computeIfAbsent(jwk, this::bouncyCastleKeys);
    }

    /** RSA keys in the JDK's form, which verifies them fastest; EC and Ed25519 keys in BouncyCastle's. */
    private List<Key> bouncyCastleKeys(JWK jwk) {
        List<Key> keys = super.javaKeys(jwk);
        if (keys.isEmpty() || jwk instanceof RSAKey) {
            return keys;
        }
        try {
            return List.of(KeyFactory.getInstance(jwk instanceof ECKey ? "EC" : "Ed25519", BOUNCY_CASTLE)
                    .generatePublic(new X509EncodedKeySpec(keys.get(0).getEncoded())));
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        String jcaName = switch (header.getAlgorithm().getName()) {
            case "EdDSA" -> "Ed25519";
            case "ES256" -> "SHA256withPLAIN-ECDSA"; // JOSE's R||S signature form, no DER conversion
            case "ES384" -> "SHA384withPLAIN-ECDSA";
            case "ES512" -> "SHA512withPLAIN-ECDSA";
            default -> null;
        };
        return jcaName == null
                ? super.createJWSVerifier(header, key)
                : new JcaVerifier(header.getAlgorithm(), jcaName, key, BOUNCY_CASTLE);
    }
}
