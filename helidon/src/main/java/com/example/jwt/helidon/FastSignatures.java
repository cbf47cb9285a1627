package com.example.jwt.helidon;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Security;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Speed only, no contract requirement: BouncyCastle verifies ES256 and EdDSA 5 to 8 times faster than the JDK's SunEC
 * (the JDK stays fastest for RSA). To delete this file (and the bcprov dependency), make two changes:
 * in {@code TokenVerifier}, {@code FastSignatures.consumers(builder)} becomes {@code alg -> consumer} with
 * {@code JwtConsumer consumer = builder.build()}; in {@code JwksKeys}, return the key itself.
 */
final class FastSignatures {
    /** Each EC and OKP key in BouncyCastle's own form: converting it per request would cost a verification. */
    private static final Map<Key, Key> BOUNCY_CASTLE_KEYS = new ConcurrentHashMap<>();

    private FastSignatures() {}

    /** The issuer's consumer for a token's alg: the JDK's for RSA, BouncyCastle's for the rest. */
    static Function<String, JwtConsumer> consumers(JwtConsumerBuilder builder) {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider()); // last in the list: the JDK's defaults do not change
        }
        ProviderContext bouncyCastle = new ProviderContext();
        bouncyCastle.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        JwtConsumer jdk = builder.build(); // built once: thread-safe and reused by every request
        JwtConsumer fast = builder.setJwsProviderContext(bouncyCastle).build();
        return alg -> alg != null && (alg.startsWith("RS") || alg.startsWith("PS")) ? jdk : fast;
    }

    /** The key in the form its consumer verifies fastest (equal keys of a refetched JWKS hit the same entry). */
    static Key key(Key key) {
        if (key.getAlgorithm().equals("RSA")) {
            return key;
        }
        if (BOUNCY_CASTLE_KEYS.size() > 64) {
            BOUNCY_CASTLE_KEYS.clear(); // only a JWKS that keeps rotating gets here: never grow without bound
        }
        return BOUNCY_CASTLE_KEYS.computeIfAbsent(key, FastSignatures::convert);
    }

    private static Key convert(Key key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), BouncyCastleProvider.PROVIDER_NAME)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key; // the JDK's form still verifies, only slower
        }
    }
}
