package com.example.jwt.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every case of the contract, section by section in the order of CONTRACT.md: one file per section, each case with
 * its literal ID. A new case takes the next free number of its requirement; no case is ever renumbered (see
 * CONTRIBUTING.md).
 */
public final class ContractCases {
    private static final Pattern ID = Pattern.compile("[A-Z]+-\\d+\\.\\d+");
    private static final List<Case> ALL = load();

    private ContractCases() {}

    public static List<Case> all() {
        return ALL;
    }

    private static List<Case> load() {
        List<Case> all = new ArrayList<>();
        all.addAll(TokenCases.cases());
        all.addAll(AlgorithmCases.cases());
        all.addAll(KeyCases.cases());
        all.addAll(KeyMemberCases.cases());
        all.addAll(ClaimCases.cases());
        all.addAll(BearerCases.cases());
        all.addAll(RequestCases.cases());
        all.addAll(AnswerCases.cases());
        all.addAll(JwksCases.cases());
        all.addAll(ConfigurationCases.cases());
        all.addAll(LogCases.cases());
        all.addAll(ConcurrencyCases.cases());
        all.addAll(GatewayCases.cases());
        Set<String> seen = new HashSet<>();
        for (Case c : all) {
            if (!ID.matcher(c.id()).matches() || !seen.add(c.id())) {
                throw new IllegalStateException("case ID " + c.id() + " is malformed or used twice");
            }
        }
        return List.copyOf(all);
    }
}
