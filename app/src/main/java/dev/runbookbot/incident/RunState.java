package dev.runbookbot.incident;

/**
 * The states of a remediation run: {@code PROPOSED -> APPROVED | REJECTED | EXPIRED}, {@code APPROVED -> RUNNING},
 * {@code RUNNING -> SUCCEEDED | FAILED | INTERRUPTED}. {@link RemediationLifecycle} holds the rules.
 */
public enum RunState {
    /** Waiting for approvals. */
    PROPOSED,
    /** Has all the approvals it needs (or needed none) and may start. */
    APPROVED,
    /** A person said no. Final. */
    REJECTED,
    /** Nobody decided before the approval deadline. Final. */
    EXPIRED,
    /** Started by a worker, with a deadline. */
    RUNNING,
    /** Finished and its expected output matched. Final. */
    SUCCEEDED,
    /** Finished without success, or produced no result by its deadline. Final. */
    FAILED,
    /**
     * Its worker stopped (a crash, a restart) while it ran: its effect is unknown. Final; never re-run automatically, a
     * person verifies and proposes it again.
     */
    INTERRUPTED;

    /** No transition leaves this state. */
    public boolean isFinal() {
        return this == REJECTED || this == EXPIRED || this == SUCCEEDED || this == FAILED || this == INTERRUPTED;
    }
}
