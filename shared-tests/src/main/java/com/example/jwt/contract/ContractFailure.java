package com.example.jwt.contract;

/** A broken requirement: the message starts with the requirement's ID from CONTRACT.md. */
public final class ContractFailure extends AssertionError {
    private final String requirement;

    public ContractFailure(String requirement, String message) {
        super(requirement + ": " + message);
        this.requirement = requirement;
    }

    public String requirement() {
        return requirement;
    }
}
