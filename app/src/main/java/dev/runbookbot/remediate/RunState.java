package dev.runbookbot.remediate;

/**
 * The states of a remediation run: {@code PROPOSED -> APPROVED | REJECTED | EXPIRED | CANCELLED}, {@code APPROVED ->
 * RUNNING | CANCELLED (incident ended, or precondition refused)}, {@code RUNNING -> SUCCEEDED | FAILED | INTERRUPTED}. {@link RemediationLifecycle} holds the
 * rules.
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
    INTERRUPTED,
    /**
     * It never ran: its incident ended (resolved by the alert, or closed by a person) before it started, or its {@code
     * require} precondition no longer held when it was about to start. Final, so no later click runs it on an old
     * approval; the reason says why (and who ended the incident).
     */
    CANCELLED;

    /** No transition leaves this state. */
    public boolean isFinal() {
        return this == REJECTED
                || this == EXPIRED
                || this == SUCCEEDED
                || this == FAILED
                || this == INTERRUPTED
                || this == CANCELLED;
    }

    /** Waiting to run: proposed or approved, not started. Such a run is cancelled when its incident ends. */
    public boolean isPending() {
        return this == PROPOSED || this == APPROVED;
    }
}
