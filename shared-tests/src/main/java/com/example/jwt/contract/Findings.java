package com.example.jwt.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What one case found wrong. A case goes on after a wrong answer, so that it reports every failure it finds, not
 * the first: {@link Expect} records each failure here, and the runner reads them when the case ends. Outside a case
 * (a unit test calling {@link Expect}), a failure is thrown at once.
 */
public final class Findings {
    private static final ThreadLocal<Findings> CURRENT = new ThreadLocal<>();

    private final List<Finding> list = new ArrayList<>();

    /** Runs a case's body with this collector; a {@link ContractFailure} it throws is recorded, not rethrown. */
    public void collect(Case.Body body, Target target) throws Exception {
        Findings outer = CURRENT.get();
        CURRENT.set(this);
        try {
            body.run(target);
        } catch (ContractFailure f) {
            add(f.finding());
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Records a failure of the running case, or throws it when no case is collecting. */
    static void record(Finding finding) {
        Findings current = CURRENT.get();
        if (current == null) {
            throw new ContractFailure(finding);
        }
        current.add(finding);
    }

    /** A task for another thread that records into the same case as the thread that made it. */
    static <T> Callable<T> carried(Callable<T> task) {
        Findings current = CURRENT.get();
        return () -> {
            Findings outer = CURRENT.get();
            CURRENT.set(current);
            try {
                return task.call();
            } finally {
                CURRENT.set(outer);
            }
        };
    }

    /**
     * Runs checks whose failures belong to another requirement: each is recorded under {@code requirement}, its
     * message prefixed with {@code what} ("GET //protected without a token: ANS-7: ..."), its consequence kept.
     */
    public static void within(String requirement, String what, Runnable checks) {
        Findings inner = new Findings();
        Findings outer = CURRENT.get();
        CURRENT.set(inner);
        try {
            checks.run();
        } catch (ContractFailure f) {
            inner.add(f.finding());
        } finally {
            CURRENT.set(outer);
        }
        for (Finding f : inner.list()) {
            record(new Finding(requirement, f.consequence(), what + ": " + f.line(), f.alg()));
        }
    }

    public synchronized void add(Finding finding) {
        if (!list.contains(finding)) {
            list.add(finding);
        }
    }

    public synchronized List<Finding> list() {
        return List.copyOf(list);
    }

    public synchronized boolean isEmpty() {
        return list.isEmpty();
    }
}
