package dev.runbookbot.remediate;

/** The verdict of an {@link ExpectationCheck} on one action outcome, with the reason in words for the thread. */
public record ExpectationResult(Verdict verdict, String reason) {
    /** How an action's outcome is recorded. */
    public enum Verdict {
        /** The action completed and its output matched an expected pattern (or nothing was expected). */
        SUCCEEDED,
        /**
         * The output matched only an {@code allow_failure} pattern: a known, tolerated outcome (the seed's
         * {@code (empty list or set)}). Reported as such, never as a success.
         */
        ACCEPTED_FAILURE,
        /** The action failed, or its output matched no expected pattern. */
        FAILED
    }

    public boolean succeeded() {
        return verdict == Verdict.SUCCEEDED;
    }
}
