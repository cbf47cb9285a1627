package com.example.jwt.contract;

/**
 * A broken requirement, thrown where a case cannot go on (and by {@link Expect} outside a case). The message starts
 * with the requirement's ID from CONTRACT.md.
 */
public final class ContractFailure extends AssertionError {
    private final transient Finding finding;

    public ContractFailure(Finding finding) {
        super(finding.line());
        this.finding = finding;
    }

    public ContractFailure(String requirement, Consequence consequence, String message) {
        this(new Finding(requirement, consequence, message));
    }

    public Finding finding() {
        return finding;
    }

    public String requirement() {
        return finding.requirement();
    }
}
