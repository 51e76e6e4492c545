package dev.runbookbot.remediate;

/** Why a change was refused, for callers that answer differently (Slack: "this button is no longer valid"). */
public enum RefusalKind {
    /** No such incident or run. */
    NOT_FOUND,
    /** The same change was made before (a double click, a retried command); nothing more to do. */
    ALREADY_DONE,
    /** The current state does not allow it (approve after reject, run without approval). */
    NOT_ALLOWED,
    /** This person already approved; the run needs approvals from other people. */
    DUPLICATE_APPROVER,
    /** The approval window closed before the decision arrived. */
    EXPIRED,
    /** A timed change asked for before its time (an escalation or expiry not yet due). */
    NOT_DUE,
    /** Another remediation is running for the same service and environment. */
    TARGET_BUSY,
    /** Someone else changed the record between reading and writing it; look again. */
    CONFLICT,
    /**
     * The run's {@code require} no longer held (or could not be evaluated) when it was about to run: it did not run,
     * and it is cancelled so that its approval cannot run it later. Propose it again when the condition holds.
     */
    PRECONDITION_FAILED
}
