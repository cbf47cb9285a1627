package com.example.jwt.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer checks must reject what the contract forbids and accept what it allows. */
class ExpectTest {
    private static final String JSON = "application/json";

    private static Answer answer(int status, String challenge, String body) {
        return new Answer(
                status,
                challenge == null
                        ? Map.of("Content-Type", List.of(JSON))
                        : Map.of("Content-Type", List.of(JSON), "WWW-Authenticate", List.of(challenge)),
                body,
                5);
    }

    @Test
    void parsesChallengesWithSeveralSchemesAndQuotedCommas() {
        Answer a = answer(
                401,
                "Basic realm=\"x, y\", Bearer error=\"invalid_token\", error_description=\"Bad, "
                        + "token\", resource_metadata=\"http://h/.well-known/oauth-protected-resource\"",
                "{}");
        Map<String, Map<String, String>> c = Expect.challenges(a);
        assertEquals("x, y", c.get("basic").get("realm"));
        assertEquals("invalid_token", c.get("bearer").get("error"));
        assertEquals("Bad, token", c.get("bearer").get("error_description"));
    }

    @Test
    void acceptsTheAnswersTheContractAsksFor() {
        assertDoesNotThrow(() -> Expect.invalidToken(answer(
                401,
                "Bearer error=\"invalid_token\", error_description=\"The token is not valid\"",
                "{\"error\":\"invalid_token\",\"error_description\":\"The token is not valid\"}")));
        assertDoesNotThrow(
                () -> Expect.noCredentials(answer(401, "Bearer realm=\"api\"", "{\"error\":\"unauthorized\"}")));
        assertDoesNotThrow(() -> Expect.noCredentials(answer(401, "Bearer", "{\"error\":\"unauthorized\"}")));
    }

    @Test
    void rejectsWhatTheContractForbids() {
        String ok = "{\"error\":\"invalid_token\"}";
        assertFails("ANS-3", answer(401, "Bearer", ok));
        assertFails("ANS-3", answer(401, null, ok));
        assertFails("ANS-5", answer(500, "Bearer error=\"invalid_token\"", ok));
        assertFails("ANS-7", answer(401, "Bearer error=\"invalid_token\"", "Unauthorized"));
        assertFails(
                "ANS-4", answer(401, "Bearer error=\"invalid_token\", error_description=\"kid \\\"rsa-9\\\"\"", ok));
        assertFails(
                "ANS-4",
                answer(
                        401,
                        "Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2025\"",
                        "{\"error\":\"invalid_token\","
                                + "\"error_description\":\"Invalid JWS per org.jose4j.jwt rules\"}"));
        assertFails(
                "ANS-5",
                answer(
                        401,
                        "Bearer error=\"invalid_token\"",
                        "{\"error\":\"invalid_token\",\"trace\":\"java.lang.IllegalStateException\\n\\tat x\"}"));
        assertFails("ANS-3", answer(401, "Bearer error=invalid_token error_description", ok));
        ContractFailure echo = assertThrows(
                ContractFailure.class,
                () -> Expect.invalidToken(
                        answer(
                                401,
                                "Bearer error=\"invalid_token\"",
                                "{\"error\":\"invalid_token\",\"sub\":\"sub-123\"}"),
                        "sub-123"));
        assertEquals("ANS-4", echo.requirement());
        ContractFailure cookie = assertThrows(
                ContractFailure.class,
                () -> Expect.invalidToken(new Answer(
                        401,
                        Map.of(
                                "Content-Type",
                                List.of(JSON),
                                "WWW-Authenticate",
                                List.of("Bearer error=\"invalid_token\""),
                                "Set-Cookie",
                                List.of("JSESSIONID=1")),
                        ok,
                        5)));
        assertEquals("ANS-6", cookie.requirement());
    }

    @Test
    void theNoCredentialsChallengeCarriesNoError() {
        assertFails("ANS-2", answer(401, "Bearer error=\"invalid_token\"", "{\"error\":\"invalid_token\"}"));
    }

    @Test
    void a503NeedsRetryAfterAndTheBound() {
        Answer noRetry = answer(503, null, "{\"error\":\"temporarily_unavailable\"}");
        assertFails("JWKS-4", noRetry);
        Answer slow = new Answer(
                503,
                Map.of("Content-Type", List.of(JSON), "Retry-After", List.of("5")),
                "{\"error\":\"temporarily_unavailable\"}",
                2500);
        ContractFailure f = assertThrows(ContractFailure.class, () -> Expect.unavailable(slow, 2000));
        assertTrue(f.getMessage().contains("took 2500 ms"));
    }

    private static void assertFails(String requirement, Answer a) {
        ContractFailure f = assertThrows(ContractFailure.class, () -> {
            if (a.status() == 503) {
                Expect.unavailable(a, 2000);
            } else if (requirement.equals("ANS-2")) {
                Expect.noCredentials(a);
            } else {
                Expect.invalidToken(a);
            }
        });
        assertEquals(requirement, f.requirement(), f.getMessage());
    }
}
