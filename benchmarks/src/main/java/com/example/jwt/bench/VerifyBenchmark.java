package com.example.jwt.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the signature math alone, one thread: what verifying one JWS costs with nothing around it. Per
 * operation: {@code initVerify} with a public key already in the provider's own form, {@code update} with a signing
 * input of a typical access token's size, {@code verify}. ES256 uses the JOSE (IEEE P1363) signature form, so no DER
 * conversion is counted. The load benchmark reads each app's auth cost as a multiple of the fastest of these.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBenchmark {
    @Param({"RS256", "EdDSA", "ES256"})
    public String alg;

    /** JCA: the JDK's own providers; BC: BouncyCastle's provider. */
    @Param({"JCA", "BC"})
    public String provider;

    private Signature verifier;
    private PublicKey key;
    private byte[] input;
    private byte[] signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Provider bc = new BouncyCastleProvider();
        Security.addProvider(bc);
        KeyPair pair = switch (alg) {
            case "RS256" -> generate("RSA", g -> g.initialize(2048));
            case "ES256" -> generate("EC", g -> g.initialize(new ECGenParameterSpec("secp256r1")));
            case "EdDSA" -> generate("Ed25519", g -> {});
            default -> throw new IllegalArgumentException(alg);
        };
        // A typical access token's signing input: base64url(header) "." base64url(claims), about 300 characters.
        input = ("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InJzYS0xIn0."
                        + "eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjkwMDAiLCJ"
                        + "zdWIiOiJzdWItMDEyMzQ1Njc4OWFiIiwiYXVkIjoiY29udHJhY3QtYXBpIiwi"
                        + "aWF0IjoxNzY0MDAwMDAwLCJleHAiOjE3NjQ"
                        + "wMDAzMDAsInNjb3BlIjoicmVhZCB3cml0ZSJ9")
                .getBytes(StandardCharsets.US_ASCII);
        String jcaName = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> provider.equals("BC") ? "SHA256withPLAIN-ECDSA" : "SHA256withECDSAinP1363Format";
            default -> "Ed25519";
        };
        Signature signer = provider.equals("BC") ? Signature.getInstance(jcaName, bc) : Signature.getInstance(jcaName);
        signer.initSign(pair.getPrivate());
        signer.update(input);
        signature = signer.sign();
        if (provider.equals("BC")) {
            verifier = Signature.getInstance(jcaName, bc);
            String keyType = alg.equals("RS256") ? "RSA" : alg.equals("ES256") ? "EC" : "Ed25519";
            key = KeyFactory.getInstance(keyType, bc)
                    .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        } else {
            verifier = Signature.getInstance(jcaName);
            key = pair.getPublic();
        }
        if (!verify()) {
            throw new IllegalStateException(alg + " with " + provider + " does not verify its own signature");
        }
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        verifier.initVerify(key);
        verifier.update(input);
        return verifier.verify(signature);
    }

    private interface Init {
        void init(KeyPairGenerator generator) throws GeneralSecurityException;
    }

    private static KeyPair generate(String type, Init init) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        init.init(generator);
        return generator.generateKeyPair();
    }
}
