package com.example.jwt.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.jwt.contract.Answer;
import com.example.jwt.contract.Http;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's own tools must be right before they judge anyone: the issuer, its tokens and its faults. */
public class MockIssuerTest {

    @Test
    void tokensVerifyWithTheKeysTheJwksPublishes() throws Exception {
        try (MockIssuer issuer = MockIssuer.start();
                Http http = new Http()) {
            Answer jwks = http.get(issuer.jwksUri());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys =
                    (List<Map<String, Object>>) ((Map<?, ?>) Json.parse(jwks.body())).get("keys");
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                String[] parts = issuer.token(alg).compact().split("\\.");
                Map<?, ?> header = (Map<?, ?>) Json.parse(decode(parts[0]));
                Map<String, Object> jwk = keys.stream()
                        .filter(k -> header.get("kid").equals(k.get("kid")))
                        .findFirst()
                        .orElseThrow();
                Signature verifier = switch (alg) {
                    case "RS256" -> Signature.getInstance("SHA256withRSA");
                    case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                    default -> Signature.getInstance("Ed25519");
                };
                verifier.initVerify(publicKey(jwk));
                verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), alg + " token must verify");
            }
        }
    }

    @Test
    void jwksFaultsAndCounters() throws Exception {
        try (MockIssuer issuer = MockIssuer.start();
                Http http = new Http()) {
            URI jwks = issuer.jwksUri();
            assertEquals(200, http.get(jwks).status());
            issuer.fault(Fault.status(503));
            assertEquals(503, http.get(jwks).status());
            issuer.fault(Fault.garbage());
            assertTrue(http.get(jwks).body().startsWith("<html>"));
            issuer.fault(Fault.emptyKeySet());
            assertEquals("{\"keys\":[]}", http.get(jwks).body());
            issuer.fault(Fault.delay(Duration.ofMillis(300)));
            assertTrue(http.get(jwks).millis() >= 300);
            issuer.fault(Fault.none());
            issuer.unpublish("rsa-2");
            assertTrue(!http.get(jwks).body().contains("rsa-2"));
            assertEquals(6, issuer.jwksFetches());
            http.get(URI.create(issuer.attackerUrl()));
            assertEquals(1, issuer.attackerHits());
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        try (MockIssuer issuer = MockIssuer.start()) {
            int port = issuer.jwksUri().getPort();
            Exception e = assertThrows(java.net.BindException.class, () -> MockIssuer.start(port));
            assertTrue(e.getMessage().contains(String.valueOf(port)));
        }
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** The public key of a JWK; {@code NaiveApp} verifies with it too. */
    public static PublicKey publicKey(Map<String, Object> jwk) throws Exception {
        Base64.Decoder d = Base64.getUrlDecoder();
        switch ((String) jwk.get("kty")) {
            case "RSA" -> {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(
                                new BigInteger(1, d.decode((String) jwk.get("n"))),
                                new BigInteger(1, d.decode((String) jwk.get("e")))));
            }
            case "EC" -> {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECPoint w = new ECPoint(
                        new BigInteger(1, d.decode((String) jwk.get("x"))),
                        new BigInteger(1, d.decode((String) jwk.get("y"))));
                return KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(w, params.getParameterSpec(ECParameterSpec.class)));
            }
            default -> {
                byte[] x = d.decode((String) jwk.get("x"));
                boolean odd = (x[31] & 0x80) != 0;
                byte[] be = new byte[32];
                for (int i = 0; i < 32; i++) {
                    be[i] = x[31 - i];
                }
                be[0] &= 0x7f;
                return KeyFactory.getInstance("Ed25519")
                        .generatePublic(new EdECPublicKeySpec(
                                NamedParameterSpec.ED25519, new EdECPoint(odd, new BigInteger(1, be))));
            }
        }
    }
}
