package com.example.jwt.jose4j;

import static com.example.jwt.jose4j.JwksKeyResolverTest.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A validly signed token is still hostile input: the one answer due, never an exception (until the contract says). */
class TokenVerifierTest {
    private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";
    private final TestIssuer issuer = new TestIssuer();
    private final TokenVerifier verifier = new TokenVerifier(issuer.settings());

    TokenVerifierTest() throws Exception {}

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void jsonNestedThousandsDeepIsRefusedBeforeAnyParser() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(401, statusOf(verifier, TestIssuer.sign(issuer.key1, HEADER, issuer.payload(",\"x\":" + deep))));
        String deepHeader = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":" + deep + "}";
        assertEquals(401, statusOf(verifier, TestIssuer.sign(issuer.key1, deepHeader, issuer.payload(""))));
        String shallow = "[".repeat(20) + "]".repeat(20);
        assertEquals(
                200, statusOf(verifier, TestIssuer.sign(issuer.key1, HEADER, issuer.payload(",\"x\":" + shallow))));
        assertEquals(1, issuer.fetches.get(), "only the shallow token needed keys");
    }

    @Test
    void oddTypesAndHugeNumbersAreAnsweredNeverThrown() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(",\"big\":1e999999,\"long\":123456789012345678901234567890,\"neg\":-1e-999999", 200); // not ours
        expected.put(",\"aud\":{\"a\":1}", 401); // CLM-4: aud is a string or an array holding JWT_AUDIENCE
        expected.put(",\"nbf\":true", 401); // CLM-5: a date is a number
        expected.put(",\"iat\":\"yesterday\"", 401); // CLM-5
        expected.put(",\"scp\":[1,{},null]", 200); // verified; no scope in it is granted (below)
        expected.put(",\"sub\":[[]]", 401); // RFC 7519 §4.1.2: sub is a StringOrURI; fail closed
        expected.forEach((claims, status) -> assertEquals(
                status, statusOf(verifier, signed(issuer.payload(claims))), claims + " is answered " + status));
        Map<String, Object> oddScopes = verifier.verify(signed(issuer.payload(",\"scp\":[1,{},null]")));
        assertFalse(TokenVerifier.hasScope(oddScopes, "1"));
        String oddIss = "{\"iss\":[\"x\"],\"exp\":4102444800}";
        assertEquals(401, statusOf(verifier, signed(oddIss)));
    }

    private String signed(String payload) {
        try {
            return TestIssuer.sign(issuer.key1, HEADER, payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anErrorThrownWhileVerifyingIsA401() throws Exception {
        TokenVerifier overflowing = new TokenVerifier(issuer.settings(), new TokenVerifier.SignatureProvider() {
            @Override
            public ProviderContext context(String alg) {
                return null;
            }

            @Override
            public Key key(Key key) {
                throw new StackOverflowError(); // what a recursive parser throws on hostile input
            }
        });
        assertEquals(401, statusOf(overflowing, TestIssuer.sign(issuer.key1, HEADER, issuer.payload(""))));
    }
}
