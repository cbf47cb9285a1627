package com.example.jwt.runner;

import com.example.jwt.contract.Case;
import com.example.jwt.contract.RealIssuerCases;
import com.example.jwt.issuer.Issuer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the real-issuer cases ({@link RealIssuerCases}) against apps already started for that issuer, stage by stage:
 * the stage's change at the issuer, then each of its cases against every app, through {@link ContractRunner}, so
 * that each result carries its findings as the contract's do.
 */
public final class RealIssuerRun {
    private RealIssuerRun() {}

    /** One case against one app. */
    public record Outcome(String app, ContractRunner.Result result) {}

    /**
     * Runs every stage in order; {@code stage} hears what each stage does, {@code done} each outcome as it is known.
     * A stage whose change at the issuer fails ends the run with that exception: its cases could prove nothing.
     */
    public static List<Outcome> run(
            Issuer issuer, Map<String, URI> apps, Consumer<String> stage, Consumer<Outcome> done) throws Exception {
        Map<String, ContractRunner> runners = new LinkedHashMap<>();
        apps.forEach((name, uri) -> runners.put(name, ContractRunner.against(uri, null)));
        try {
            List<Outcome> outcomes = new ArrayList<>();
            for (RealIssuerCases.Stage s : RealIssuerCases.stages(issuer)) {
                stage.accept(s.what());
                s.before().run();
                for (Case c : s.cases()) {
                    for (Map.Entry<String, ContractRunner> app : runners.entrySet()) {
                        Outcome o = new Outcome(app.getKey(), app.getValue().run(c, app.getKey()));
                        outcomes.add(o);
                        done.accept(o);
                    }
                }
            }
            return outcomes;
        } finally {
            runners.values().forEach(ContractRunner::close);
        }
    }
}
