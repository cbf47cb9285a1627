package com.example.jwt.jose4j;

import static com.example.jwt.jose4j.JwksKeyResolverTest.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Key;
import org.jose4j.jca.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A validly signed token is still hostile input: 401 or 200, never an exception (until the contract has cases). */
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
        for (String claims : new String[] {
            ",\"big\":1e999999,\"long\":123456789012345678901234567890,\"neg\":-1e-999999",
            ",\"aud\":{\"a\":1}",
            ",\"nbf\":true",
            ",\"iat\":\"yesterday\"",
            ",\"scp\":[1,{},null]",
            ",\"sub\":[[]]"
        }) {
            int status = statusOf(verifier, TestIssuer.sign(issuer.key1, HEADER, issuer.payload(claims)));
            assertTrue(status == 200 || status == 401, claims + " got " + status);
        }
        String oddIss = "{\"iss\":[\"x\"],\"exp\":4102444800}";
        assertEquals(401, statusOf(verifier, TestIssuer.sign(issuer.key1, HEADER, oddIss)));
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
