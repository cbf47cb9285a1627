package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.fresh;
import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.accepts;
import static com.example.jwt.contract.Steps.rejects;
import static com.example.jwt.contract.Steps.secrets;

import com.example.jwt.issuer.SigningKey;
import com.example.jwt.issuer.Token;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keys: KEY-1 to KEY-7 of CONTRACT.md. */
final class KeyCases {
    private KeyCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("keys");
        cases.add(
                "KEY-1.1",
                "a token signed by the second RSA key of the JWKS is accepted",
                shared(),
                t -> accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256")));
        cases.add("KEY-1.2", "without kid, a token is accepted when exactly one suitable key exists", shared(), t -> {
            accepts(t, t.issuer.token("ES256").withoutHeader("kid"));
            accepts(t, t.issuer.token("EdDSA").withoutHeader("kid"));
        });
        cases.add(
                "KEY-1.3",
                "without kid, an RS256 token is rejected when two RSA keys could fit",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").withoutHeader("kid")));
        cases.add(
                "KEY-1.4",
                "a kid that is not in the JWKS is rejected",
                shared(),
                t -> rejects(t, t.issuer.token("RS256").header("kid", "no-such-kid-" + UUID.randomUUID())));
        cases.add(
                "KEY-1.5",
                "without kid, an RSA-1024 key does not count as a second suitable key",
                fresh(issuer -> issuer.unpublish("rsa-2")),
                t -> {
                    accepts(t, t.issuer.token("RS256").withoutHeader("kid"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaWeak, "RS256").withoutHeader("kid"));
                });
        cases.add("KEY-2.1", "a header naming a key of the wrong type for its alg is rejected", shared(), t -> {
            rejects(t, t.issuer.token("RS256").header("kid", "ec-1"));
            rejects(t, t.issuer.token("RS256").header("kid", "ed-1"));
            rejects(t, t.issuer.token("ES256").header("kid", "rsa-1"));
            rejects(t, t.issuer.token("EdDSA").header("kid", "ec-1"));
        });
        cases.add(
                "KEY-3.1",
                "a key published for encryption (use=enc) never verifies",
                shared(),
                t -> rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaEnc, "RS256")));
        cases.add(
                "KEY-3.2",
                "an RSA key under 2048 bits never verifies",
                shared(),
                t -> rejects(t, t.issuer.tokenSignedBy(t.issuer.rsaWeak, "RS256")));
        cases.add("KEY-4.1", "a key embedded in the header (jwk) is never used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").header("jwk", own.jwk()));
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").withoutHeader("kid").header("jwk", own.jwk()));
            rejects(
                    t,
                    t.issuer.tokenSignedBy(own, "RS256").header("kid", "rsa-1").header("jwk", own.jwk()));
        });
        cases.add("KEY-4.2", "jku and x5u are never fetched or used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            int before = t.issuer.attackerHits();
            for (String param : List.of("jku", "x5u")) {
                rejects(t, t.issuer.tokenSignedBy(own, "RS256").header(param, t.issuer.attackerUrl()));
                rejects(
                        t,
                        t.issuer
                                .tokenSignedBy(own, "RS256")
                                .withoutHeader("kid")
                                .header(param, t.issuer.attackerUrl()));
            }
            int hits = t.issuer.attackerHits() - before;
            if (hits != 0) {
                Expect.record(
                        "KEY-4",
                        Consequence.LETS_THROUGH,
                        "the app called the URL of a jku/x5u header " + hits + " time(s)");
            }
        });
        cases.add("KEY-4.3", "an x5c certificate chain in the header is never used", shared(), t -> {
            SigningKey own = t.issuer.attacker;
            String fakeChain =
                    Base64.getEncoder().encodeToString(own.keyPair().getPublic().getEncoded());
            rejects(t, t.issuer.tokenSignedBy(own, "RS256").withoutHeader("kid").header("x5c", List.of(fakeChain)));
        });
        cases.add("KEY-5.1", "a JWKS member of an unknown key type is ignored; the other keys verify", shared(), t -> {
            if (!t.issuer.jwksJson().contains("\"XYZ\"")) {
                throw new IllegalStateException("the mock issuer must publish a member of unknown kty");
            }
            accepts(t, t.issuer.token("RS256"));
            rejects(t, t.issuer.token("RS256").header("kid", "unknown-type"));
        });
        cases.add(
                "KEY-6.1",
                "hostile kid values (path traversal, SQL, very long, odd types) are rejected cleanly",
                shared(),
                t -> {
                    SigningKey own = t.issuer.attacker;
                    List<Object> kids = List.of(
                            "../../../../../../etc/passwd",
                            "/dev/null",
                            "x' OR '1'='1' --",
                            "rsa-1' OR 'a'='a",
                            "rsa-1\u0000",
                            "k".repeat(1500),
                            42,
                            List.of("rsa-1"),
                            Map.of("kid", "rsa-1"));
                    for (Object kid : kids) {
                        Token tok = t.issuer.tokenSignedBy(own, "RS256").header("kid", kid);
                        String c = tok.compact();
                        String[] secrets = Expect.secretsOf(tok, c);
                        List<String> all = new ArrayList<>(List.of(secrets));
                        if (kid instanceof String s && s.length() > 3 && !s.startsWith("rsa-1")) {
                            all.add(s.replace("\u0000", ""));
                        }
                        Expect.invalidToken(t.bearer(c), all.toArray(String[]::new));
                    }
                });
        cases.add(
                "KEY-7.1",
                "a key whose JWK names another alg (RS512, PS256) never verifies an RS256 token",
                fresh(issuer -> {
                    issuer.publish(issuer.rsa2.publishedAs("rsa-for-rs512", "alg", "RS512"));
                    issuer.publish(issuer.rsa2.publishedAs("rsa-for-ps256", "alg", "PS256"));
                }),
                t -> {
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").header("kid", "rsa-for-rs512"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").header("kid", "rsa-for-ps256"));
                });
        cases.add(
                "KEY-7.2",
                "a key whose key_ops lack verify (encrypt and wrapKey, sign, deriveKey) never verifies",
                fresh(issuer -> {
                    issuer.publish(issuer.rsa2.publishedAs(
                            "rsa-ops-encrypt", "use", null, "key_ops", List.of("encrypt", "wrapKey")));
                    issuer.publish(issuer.rsa2.publishedAs("rsa-ops-sign", "use", null, "key_ops", List.of("sign")));
                    issuer.publish(issuer.ec1.publishedAs(
                            "ec-ops-derive", "use", null, "key_ops", List.of("deriveKey", "deriveBits")));
                }),
                t -> {
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").header("kid", "rsa-ops-encrypt"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").header("kid", "rsa-ops-sign"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.ec1, "ES256").header("kid", "ec-ops-derive"));
                });
        cases.add(
                "KEY-7.3",
                "keys whose alg, use and key_ops all fit are accepted",
                fresh(issuer -> {
                    issuer.publish(issuer.rsa2.publishedAs(
                            "rsa-all-fit", "use", "sig", "alg", "RS256", "key_ops", List.of("verify")));
                    issuer.publish(issuer.ec1.publishedAs("ec-all-fit", "alg", "ES256", "key_ops", List.of("verify")));
                    issuer.publish(issuer.ed1.publishedAs("ed-all-fit", "alg", "EdDSA", "key_ops", List.of("verify")));
                }),
                t -> {
                    accepts(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").header("kid", "rsa-all-fit"));
                    accepts(t, t.issuer.tokenSignedBy(t.issuer.ec1, "ES256").header("kid", "ec-all-fit"));
                    accepts(t, t.issuer.tokenSignedBy(t.issuer.ed1, "EdDSA").header("kid", "ed-all-fit"));
                });
        cases.add(
                "KEY-7.4",
                "without kid, a key whose alg or key_ops does not fit is no candidate",
                fresh(issuer -> {
                    issuer.unpublish("rsa-2");
                    issuer.publish(issuer.rsa2.publishedAs("rsa-for-rs512", "alg", "RS512"));
                    issuer.publish(
                            issuer.rsa2.publishedAs("rsa-ops-encrypt", "use", null, "key_ops", List.of("encrypt")));
                }),
                t -> {
                    accepts(t, t.issuer.token("RS256").withoutHeader("kid"));
                    rejects(t, t.issuer.tokenSignedBy(t.issuer.rsa2, "RS256").withoutHeader("kid"));
                });
        return cases.list();
    }
}
