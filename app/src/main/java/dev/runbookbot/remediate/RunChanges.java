package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.RunState.EXPIRED;

import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunChangeDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@link RemediationLifecycle} writes what it decides: the {@link RunChange} of a transition with its timeline
 * entry and detail, and a refusal in words that say where the run stands. Pure functions.
 */
final class RunChanges {
    private RunChanges() {}

    /** Where the run stands, in words: "was rejected by U2 at ... (reason)". */
    static String describe(RemediationRun run) {
        RunTransition last = run.lastTransition();
        return switch (run.state()) {
            case PROPOSED ->
                "is waiting for approval (" + run.approvals().size() + " of " + run.requiredApprovals() + ")";
            case APPROVED ->
                "is already approved ("
                        + (run.approvals().isEmpty()
                                ? "no approval required"
                                : "by "
                                        + run.approvals().stream()
                                                .map(Approval::approver)
                                                .collect(Collectors.joining(", ")))
                        + ")";
            case REJECTED -> "was rejected by " + last.actor() + " at " + last.at() + " (" + last.reason() + ")";
            case EXPIRED -> "expired at " + last.at() + " (" + last.reason() + ")";
            case RUNNING ->
                "is already running since " + last.at() + " on " + run.worker().orElse("?");
            case SUCCEEDED -> "already succeeded at " + last.at();
            case FAILED -> "already failed at " + last.at() + " (" + last.reason() + ")";
            case INTERRUPTED -> "was interrupted at " + last.at() + " (" + last.reason() + ")";
            case CANCELLED -> "was cancelled at " + last.at() + " (" + last.reason() + ")";
        };
    }

    /**
     * Refuses because of the run's state: {@link RefusalKind#ALREADY_DONE} when it is already in {@code target} (a
     * double click, a retry), {@link RefusalKind#EXPIRED} when it expired, {@link RefusalKind#NOT_ALLOWED} otherwise.
     */
    static TransitionResult<RunChange> refusedFor(RemediationRun run, String consequence, RunState target) {
        RefusalKind kind = run.state() == target
                ? RefusalKind.ALREADY_DONE
                : run.state() == EXPIRED ? RefusalKind.EXPIRED : RefusalKind.NOT_ALLOWED;
        return TransitionResult.refused(kind, run.label() + " " + describe(run) + "; " + consequence);
    }

    static Optional<TransitionResult<RunChange>> refusedIfExpired(RemediationRun run, Instant at, String consequence) {
        return run.approvalDeadline()
                .filter(deadline -> !at.isBefore(deadline))
                .map(deadline -> TransitionResult.refused(
                        RefusalKind.EXPIRED,
                        run.label() + ": its approval window closed at " + deadline + "; " + consequence
                                + "; propose it again"));
    }

    static RunChange change(
            RemediationRun run,
            RunState to,
            String actor,
            String reason,
            Instant at,
            TimelineKind kind,
            String summary,
            AutomationResult automation,
            String output) {
        RunTransition transition = new RunTransition(Optional.of(run.state()), to, actor, at, reason);
        RemediationRun after = run.with(to, run.approvals(), append(run.transitions(), transition));
        RunChangeDetail detail = detail(after, Optional.of(run.state())).withReason(reason);
        if (!output.isEmpty()) {
            detail = detail.withOutput(output);
        }
        return new RunChange(
                Optional.of(run),
                after,
                Optional.empty(),
                List.of(transition),
                event(after, at, kind, actor, summary, detail),
                Optional.ofNullable(automation));
    }

    static RunChangeDetail detail(RemediationRun after, Optional<RunState> from) {
        return RunChangeDetail.of(
                after.id().value(),
                after.remediationId(),
                after.attempt(),
                after.action(),
                from.map(RunState::name).orElse(null),
                after.state().name(),
                after.approvals().size(),
                after.requiredApprovals());
    }

    static NewTimelineEvent event(
            RemediationRun run, Instant at, TimelineKind kind, String actor, String summary, RunChangeDetail detail) {
        return new NewTimelineEvent(
                run.incidentId(), Optional.of(run.id()), at, kind, actor, summary, TimelineDetails.write(detail));
    }

    static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
