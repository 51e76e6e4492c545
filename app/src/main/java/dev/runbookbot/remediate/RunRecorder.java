package dev.runbookbot.remediate;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunRefusalDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what became of a run: its result with the output masked and then capped (so a secret cut in half by the cap
 * cannot survive), a refusal in the incident's timeline (except a repeated request for something already done), the
 * {@code requires_manual} automation event when people had to approve it or did it by hand, and the recovery check a
 * success schedules. Thread-safe.
 */
final class RunRecorder {
    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final RunStore store;
    private final RecoveryCheck recovery;
    private final UnaryOperator<String> mask;
    private final PipelineSettings settings;
    private final Clock clock;

    RunRecorder(
            RunStore store,
            RecoveryCheck recovery,
            UnaryOperator<String> mask,
            PipelineSettings settings,
            Clock clock) {
        this.store = store;
        this.recovery = recovery;
        this.mask = mask;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records the result of a run that ran; an escalation ({@code escalated}) has no recovery check. */
    ExecutionResult finish(
            boolean escalated,
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun running,
            ActionOutcome outcome,
            ExpectationResult verdict,
            Duration took) {
        String output = capped(mask.apply(outcome.output() == null ? "" : outcome.output()));
        String reason = capped(mask.apply(verdict.reason()));
        if (reason.isBlank()) {
            reason = verdict.verdict().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (verdict.verdict() == ExpectationResult.Verdict.ACCEPTED_FAILURE) {
            reason = "tolerated (allow_failure): " + reason;
        }
        ExpectationResult stored = new ExpectationResult(verdict.verdict(), reason);
        RunState state = verdict.verdict() == ExpectationResult.Verdict.FAILED ? RunState.FAILED : RunState.SUCCEEDED;
        TransitionResult<RemediationRun> finished =
                store.finish(running.id(), state, RemediationLifecycle.BOT, reason, output);
        if (finished instanceof TransitionResult.Refused<RemediationRun> refusal) {
            log.warn("the result of {} was not recorded: {}", running.label(), refusal.reason());
        }
        boolean verifying = finished.isApplied()
                && state == RunState.SUCCEEDED
                && !escalated
                && scheduleRecovery(incident, running, context);
        return new ExecutionResult.Finished(
                running.id(), finished.appliedValue(), stored, output, took, verifying, finished.refusal());
    }

    boolean scheduleRecovery(RemediationTarget incident, RemediationRun run, RemediationContext context) {
        try {
            recovery.schedule(incident.incidentId(), run.id(), context);
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("could not schedule the recovery check of {}: its scheduler is shut down", run.label());
            return false;
        }
    }

    /** A {@code requires_manual} event when people approved the run: the automation needed a human to go ahead. */
    void recordPeopleApproved(RemediationTarget incident, RemediationRun run) {
        List<String> approvers = run.approvals().stream()
                .map(Approval::approver)
                .filter(a -> !a.equals(RemediationLifecycle.BOT))
                .distinct()
                .toList();
        if (approvers.isEmpty()) {
            return;
        }
        record(new AutomationEvent(
                Optional.of(incident.incidentId()),
                Optional.of(run.id()),
                clock.instant(),
                incident.service(),
                incident.environment(),
                run.action(),
                AutomationResult.REQUIRES_MANUAL,
                String.join(", ", approvers),
                run.remediationId() + " needed approval by " + approvers.size()
                        + (approvers.size() == 1 ? " person" : " people") + " before it could run"));
    }

    void record(AutomationEvent event) {
        try {
            store.record(event);
        } catch (RuntimeException e) {
            log.warn(
                    "could not record the automation event for {}",
                    event.runId().orElse(null),
                    e);
        }
    }

    ExecutionResult.Refused refused(
            RemediationTarget incident, RemediationRun run, String actor, RefusalKind kind, String reason) {
        String masked = mask.apply(reason);
        if (kind != RefusalKind.ALREADY_DONE) {
            try {
                store.append(new NewTimelineEvent(
                        incident.incidentId(),
                        Optional.of(run.id()),
                        clock.instant(),
                        TimelineKind.ACTION,
                        actor,
                        actor + " asked to run " + run.label() + "; refused: " + masked,
                        TimelineDetails.write(new RunRefusalDetail(kind.name(), masked))));
            } catch (RuntimeException e) {
                log.warn("could not record the refusal of {} in the timeline", run.label(), e);
            }
        }
        return new ExecutionResult.Refused(run.id(), kind, masked);
    }

    /**
     * Cancels {@code run}, refused because its precondition no longer held, so that it ends in a final state that says
     * it did not run and no later click can run it on its old approval.
     */
    void cancelNotRun(RemediationRun run, String maskedReason) {
        TransitionResult<RemediationRun> cancelled = store.cancel(run.id(), RemediationLifecycle.BOT, maskedReason);
        if (cancelled instanceof TransitionResult.Refused<RemediationRun> refusal) {
            log.warn(
                    "{} was refused by its precondition but could not be cancelled: {}", run.label(), refusal.reason());
        }
    }

    private String capped(String text) {
        int cap = settings.outputCap();
        if (text.length() <= cap) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(cap - 1)) ? cap - 1 : cap;
        return text.substring(0, end) + "\n[cut: " + (text.length() - end) + " more characters]";
    }
}
