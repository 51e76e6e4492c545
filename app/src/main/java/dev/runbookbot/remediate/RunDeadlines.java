package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.RunChanges.change;
import static dev.runbookbot.remediate.RunChanges.refusedFor;
import static dev.runbookbot.remediate.RunState.FAILED;
import static dev.runbookbot.remediate.RunState.PROPOSED;
import static dev.runbookbot.remediate.RunState.RUNNING;

import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules of a remediation run's deadlines, as pure functions like {@link RemediationLifecycle}'s: a running run
 * whose worker is gone or whose deadline has passed, and an approval deadline read back after a restart. Stores apply
 * them inside their write transaction.
 */
public final class RunDeadlines {
    private RunDeadlines() {}

    /**
     * The reaper: a running run whose worker is gone is interrupted; one whose worker lives on but whose deadline has
     * passed has timed out; anything else is refused as {@link RefusalKind#NOT_DUE}.
     */
    public static TransitionResult<RunChange> reap(RemediationRun run, boolean workerAlive, Instant at) {
        if (run.state() == RUNNING && !workerAlive) {
            return RemediationLifecycle.interrupt(
                    run,
                    RemediationLifecycle.BOT,
                    "worker " + run.worker().orElse("?") + " stopped without a result",
                    at);
        }
        return timeOut(run, at);
    }

    /** A running run produced no result by its deadline: failed. Refused before the deadline. */
    public static TransitionResult<RunChange> timeOut(RemediationRun run, Instant at) {
        if (run.state() != RUNNING) {
            return refusedFor(run, "it is not running", FAILED);
        }
        Instant deadline = run.runDeadline().orElseThrow();
        if (at.isBefore(deadline)) {
            return TransitionResult.refused(
                    RefusalKind.NOT_DUE, run.label() + " may run until " + deadline + "; it is " + at);
        }
        String why = "no result by its deadline " + deadline + " (timeout plus grace)";
        return TransitionResult.applied(change(
                run,
                FAILED,
                RemediationLifecycle.BOT,
                why,
                at,
                TimelineKind.ACTION,
                run.label() + " timed out: " + why,
                AutomationResult.TIMED_OUT,
                ""));
    }

    /**
     * The rule for an approval deadline read back after a restart, when the instants stored by the last process meet
     * the wall clock again: the time left is {@code deadline - now}, clamped to {@code [0, timeout]}, where the timeout
     * is the one the run was proposed with ({@code deadline - requestedAt}). Below 0 the run expires ({@link RemediationLifecycle#expire});
     * above the timeout (the system clock was set back) the deadline comes forward to {@code now + timeout}, which this
     * returns; otherwise empty.
     */
    public static Optional<Instant> clampedDeadline(RemediationRun run, Instant now) {
        if (run.state() != PROPOSED || run.approvalDeadline().isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = run.approvalDeadline().get();
        Duration timeout = Duration.between(run.requestedAt(), deadline);
        if (timeout.isNegative()) {
            return Optional.empty();
        }
        Instant latest = now.plus(timeout);
        return deadline.isAfter(latest) ? Optional.of(latest) : Optional.empty();
    }
}
