package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.b64;
import static com.example.jwt.contract.Steps.rejects;
import static com.example.jwt.contract.Steps.secrets;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.SigningKey;
import com.example.jwt.issuer.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Algorithms: ALG-1 to ALG-3 of CONTRACT.md. */
final class AlgorithmCases {
    private AlgorithmCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("algorithms");
        cases.add("ALG-1.1", "valid RS256, ES256 and EdDSA tokens are accepted", shared(), t -> {
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                accepts(t, t.issuer.token(alg));
            }
        });
        cases.add("ALG-1.2", "alg none in any casing, with or without a signature, is rejected", shared(), t -> {
            for (String none : List.of("none", "None", "NONE", "nOnE")) {
                Token tok = t.issuer.token("RS256").header("alg", none);
                String input = tok.encodedHeader() + "." + tok.encodedPayload();
                Token signed = t.issuer.token("RS256");
                for (String c : List.of(input + ".", input + "." + b64(signed.signature(input)))) {
                    Expect.invalidToken(t.bearer(c), tok, c);
                }
            }
        });
        cases.add(
                "ALG-1.3",
                "a real signature under an algorithm outside JWT_ALGORITHMS (RS384, PS256) is rejected",
                shared(),
                t -> {
                    for (String alg : List.of("RS384", "PS256")) {
                        rejects(t, t.issuer.token("RS256").header("alg", alg).signedAs(alg));
                    }
                });
        cases.add(
                "ALG-1.4",
                "JWT_ALGORITHMS=RS256 rejects valid ES256 and EdDSA tokens",
                fresh("JWT_ALGORITHMS", "RS256"),
                t -> {
                    accepts(t, t.issuer.token("RS256"));
                    rejects(t, t.issuer.token("ES256"));
                    rejects(t, t.issuer.token("EdDSA"));
                });
        cases.add("ALG-2.1", "HS256 keyed with the RSA public key (PEM, DER, JWK forms) is rejected", shared(), t -> {
            SigningKey rsa = t.issuer.rsa1;
            List<byte[]> secrets = List.of(
                    rsa.publicPem().getBytes(StandardCharsets.US_ASCII),
                    rsa.publicPem().strip().getBytes(StandardCharsets.US_ASCII),
                    rsa.keyPair().getPublic().getEncoded(),
                    Json.write(rsa.jwk()).getBytes(StandardCharsets.UTF_8));
            for (byte[] secret : secrets) {
                rejects(t, t.issuer.token("RS256").header("alg", "HS256").hmacWith(secret));
            }
        });
        cases.add("ALG-2.2", "HS256 keyed with the EC and Ed25519 public keys is rejected", shared(), t -> {
            for (SigningKey key : List.of(t.issuer.ec1, t.issuer.ed1)) {
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(key, "HS256")
                                .hmacWith(Json.write(key.jwk()).getBytes(StandardCharsets.UTF_8)));
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(key, "HS256")
                                .hmacWith(key.keyPair().getPublic().getEncoded()));
            }
        });
        cases.add("ALG-3.1", "a tampered payload is rejected", shared(), t -> {
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                Token tok = t.issuer.token(alg);
                String c = tok.compact();
                String[] parts = c.split("\\.");
                Token forged = t.issuer.token(alg).claim("sub", "admin-" + tok.subject());
                String tampered = parts[0] + "." + forged.encodedPayload() + "." + parts[2];
                Expect.invalidToken(t.bearer(tampered), Expect.secretsOf(forged, tampered));
            }
        });
        cases.add("ALG-3.2", "a token signed by another key under a published kid is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").signedBy(SigningKey.rsa("rsa-1", 2048, null, null)));
            rejects(t, t.issuer.token("ES256").signedBy(SigningKey.ec("ec-1")));
            rejects(t, t.issuer.token("EdDSA").signedBy(SigningKey.ed25519("ed-1")));
        });
        cases.add("ALG-3.3", "the all-zero ECDSA signature (CVE-2022-21449) is rejected", shared(), t -> {
            Token tok = t.issuer.token("ES256");
            String input = tok.encodedHeader() + "." + tok.encodedPayload();
            for (int size : List.of(64, 72)) {
                String c = input + "." + b64(new byte[size]);
                Expect.invalidToken(t.bearer(c), tok, c);
            }
            byte[] derZero = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
            String c = input + "." + b64(derZero);
            Expect.invalidToken(t.bearer(c), tok, c);
        });
        cases.add("ALG-3.4", "a signature of another token is rejected", shared(), t -> {
            Token a = t.issuer.token("EdDSA");
            Token b = t.issuer.token("EdDSA");
            String ca = a.compact();
            String cb = b.compact();
            String swapped = cb.substring(0, cb.lastIndexOf('.')) + ca.substring(ca.lastIndexOf('.'));
            Expect.invalidToken(t.bearer(swapped), Expect.secretsOf(b, swapped));
        });
        return cases.list();
    }
}
