package com.example.jwt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.jwt.issuer.MockIssuer;
import com.example.jwt.runner.ContractRunner;
import com.example.jwt.runner.RealIssuerRun;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real-issuer cases with the mock issuer in the real one's place (it implements the same {@code Issuer}): a
 * correct app passes every stage, and an app that skips the audience check fails CLM-4/other-audience and nothing
 * else. That is the Keycloak check's negative control, proven here without Keycloak.
 */
class RealIssuerCasesTest {

    @Test
    void aCorrectAppPassesEveryCaseAndALaxOneFailsTheAudienceCaseOnly() throws Exception {
        try (MockIssuer issuer = MockIssuer.start();
                NaiveApp correct = new NaiveApp(env(issuer), Set.of());
                NaiveApp lax = new NaiveApp(env(issuer), Set.of(NaiveApp.Mistake.SKIP_AUD))) {
            Map<String, URI> apps = new LinkedHashMap<>();
            apps.put("correct", URI.create("http://127.0.0.1:" + correct.port()));
            apps.put("lax", URI.create("http://127.0.0.1:" + lax.port()));

            List<RealIssuerRun.Outcome> outcomes = RealIssuerRun.run(issuer, apps, stage -> {}, outcome -> {});

            long cases = RealIssuerCases.stages(issuer).stream()
                    .mapToLong(s -> s.cases().size())
                    .sum();
            assertEquals(2 * cases, outcomes.size(), "every case ran against both apps");
            assertEquals(List.of(), failed(outcomes, "correct"), "the correct app fails nothing");
            assertEquals(List.of("CLM-4/other-audience"), failed(outcomes, "lax"), "the lax app fails aud only");
        }
    }

    private static Map<String, String> env(MockIssuer issuer) {
        Map<String, String> env = new LinkedHashMap<>(issuer.variables());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        return env;
    }

    private static List<String> failed(List<RealIssuerRun.Outcome> outcomes, String app) {
        return outcomes.stream()
                .filter(o -> o.app().equals(app) && o.result().status() != ContractRunner.Status.PASS)
                .map(o -> o.result().c().id()
                        + (app.equals("correct") ? ": " + o.result().message() : ""))
                .toList();
    }
}
