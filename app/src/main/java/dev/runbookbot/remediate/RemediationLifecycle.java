package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.RunChanges.append;
import static dev.runbookbot.remediate.RunChanges.change;
import static dev.runbookbot.remediate.RunChanges.detail;
import static dev.runbookbot.remediate.RunChanges.event;
import static dev.runbookbot.remediate.RunChanges.plural;
import static dev.runbookbot.remediate.RunChanges.refusedFor;
import static dev.runbookbot.remediate.RunChanges.refusedIfExpired;
import static dev.runbookbot.remediate.RunState.APPROVED;
import static dev.runbookbot.remediate.RunState.CANCELLED;
import static dev.runbookbot.remediate.RunState.EXPIRED;
import static dev.runbookbot.remediate.RunState.FAILED;
import static dev.runbookbot.remediate.RunState.INTERRUPTED;
import static dev.runbookbot.remediate.RunState.PROPOSED;
import static dev.runbookbot.remediate.RunState.REJECTED;
import static dev.runbookbot.remediate.RunState.RUNNING;
import static dev.runbookbot.remediate.RunState.SUCCEEDED;

import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.audit.RunChangeDetail;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of a remediation run, as pure functions: given a run as stored and a request, either the {@link RunChange}
 * to record or the reason it is refused. Stores apply these inside their write transaction, against the run as it is
 * then, so every implementation refuses the same things with the same words.
 *
 * <pre>
 * PROPOSED -> APPROVED (the N-th distinct approval) | REJECTED | EXPIRED (deadline passed) | CANCELLED
 * APPROVED -> RUNNING | CANCELLED (its incident ended)
 * RUNNING  -> SUCCEEDED | FAILED (also: no result by its deadline) | INTERRUPTED (its worker stopped)
 * </pre>
 *
 * An approval short of N is recorded without a state change. Who may approve (the approver list, four eyes on P1) is
 * the caller's policy, checked before calling; these rules only keep the machine consistent.
 */
public final class RemediationLifecycle {
    /** The actor name for changes the bot makes by itself (expiry, restart recovery, the reaper). */
    public static final String BOT = "runbook-bot";

    private RemediationLifecycle() {}

    /** A new run from a request: {@link RunState#PROPOSED}, or already approved when it needs no approval. */
    public static RunChange propose(RunId id, NewRun request, Instant at) {
        Optional<Instant> deadline = request.approvalTimeout().map(at::plus);
        List<RunTransition> transitions = new ArrayList<>();
        transitions.add(new RunTransition(Optional.empty(), PROPOSED, request.requestedBy(), at, request.reason()));
        RunState state = PROPOSED;
        if (request.requiredApprovals() == 0) {
            transitions.add(new RunTransition(
                    Optional.of(PROPOSED), APPROVED, BOT, at, "no approval required: the step is safe for automation"));
            state = APPROVED;
        }
        RemediationRun run = new RemediationRun(
                id,
                request.incidentId(),
                request.remediationId(),
                request.attempt(),
                request.action(),
                request.preview(),
                state,
                request.requestedBy(),
                at,
                request.requiredApprovals(),
                List.of(),
                deadline,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                transitions);
        String needs = state == APPROVED
                ? "no approval required"
                : "needs " + plural(request.requiredApprovals(), "approval")
                        + deadline.map(d -> " by " + d).orElse("");
        String summary = request.requestedBy() + " proposed " + run.label() + " (" + request.action() + "): " + needs;
        RunChangeDetail detail = detail(run, Optional.empty()).withPreview(request.preview());
        return new RunChange(
                Optional.empty(),
                run,
                Optional.empty(),
                transitions,
                event(run, at, TimelineKind.APPROVAL, request.requestedBy(), summary, detail),
                Optional.empty());
    }

    /**
     * Records {@code approver}'s approval. The run becomes {@link RunState#APPROVED} with the N-th distinct approval;
     * before that the approval is recorded and the run stays proposed. Refused when the run is not proposed, when its
     * approval deadline has passed (at or after it), or when this person already approved.
     */
    public static TransitionResult<RunChange> approve(RemediationRun run, String approver, String reason, Instant at) {
        NonBlank.require(approver, "approver");
        Objects.requireNonNull(reason, "reason");
        if (run.state() != PROPOSED) {
            return refusedFor(run, "nothing to approve", APPROVED);
        }
        Optional<TransitionResult<RunChange>> expired = refusedIfExpired(run, at, "it cannot be approved");
        if (expired.isPresent()) {
            return expired.get();
        }
        if (run.hasApproved(approver)) {
            return TransitionResult.refused(
                    RefusalKind.DUPLICATE_APPROVER,
                    approver + " already approved " + run.label() + "; it needs "
                            + plural(run.requiredApprovals(), "approval") + " from different people ("
                            + run.approvals().size() + " so far)");
        }
        Approval approval = new Approval(approver, at, reason);
        List<Approval> approvals = append(run.approvals(), approval);
        int have = approvals.size();
        String count = " (" + have + " of " + run.requiredApprovals() + ")";
        if (have < run.requiredApprovals()) {
            RemediationRun after = run.with(PROPOSED, approvals, run.transitions());
            String summary = approver + " approved " + run.label() + count;
            return TransitionResult.applied(new RunChange(
                    Optional.of(run),
                    after,
                    Optional.of(approval),
                    List.of(),
                    event(after, at, TimelineKind.APPROVAL, approver, summary, detail(after, Optional.of(PROPOSED))),
                    Optional.empty()));
        }
        String why = reason.isBlank()
                ? "approved by " + approvals.stream().map(Approval::approver).collect(Collectors.joining(", "))
                : reason;
        RunTransition transition = new RunTransition(Optional.of(PROPOSED), APPROVED, approver, at, why);
        RemediationRun after = run.with(APPROVED, approvals, append(run.transitions(), transition));
        String summary =
                approver + " approved " + run.label() + (run.requiredApprovals() > 1 ? count : "") + "; it may run";
        return TransitionResult.applied(new RunChange(
                Optional.of(run),
                after,
                Optional.of(approval),
                List.of(transition),
                event(after, at, TimelineKind.APPROVAL, approver, summary, detail(after, Optional.of(PROPOSED))),
                Optional.empty()));
    }

    /** A person says no. Only a proposed run can be rejected; a rejection counts as a human override. */
    public static TransitionResult<RunChange> reject(RemediationRun run, String actor, String reason, Instant at) {
        NonBlank.require(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (run.state() != PROPOSED) {
            return refusedFor(run, "nothing to reject", REJECTED);
        }
        Optional<TransitionResult<RunChange>> expired = refusedIfExpired(run, at, "it cannot be rejected");
        if (expired.isPresent()) {
            return expired.get();
        }
        String why = reason.isBlank() ? "rejected by " + actor : reason;
        String summary = actor + " rejected " + run.label() + (reason.isBlank() ? "" : ": " + reason);
        return TransitionResult.applied(
                change(run, REJECTED, actor, why, at, TimelineKind.APPROVAL, summary, AutomationResult.OVERRIDDEN, ""));
    }

    /** The approval window closed without a decision. Refused before the deadline, or when the run is not proposed. */
    public static TransitionResult<RunChange> expire(RemediationRun run, Instant at) {
        if (run.state() != PROPOSED) {
            return refusedFor(run, "it cannot expire", EXPIRED);
        }
        if (run.approvalDeadline().isEmpty()) {
            return TransitionResult.refused(RefusalKind.NOT_DUE, run.label() + " has no approval deadline");
        }
        Instant deadline = run.approvalDeadline().get();
        if (at.isBefore(deadline)) {
            return TransitionResult.refused(
                    RefusalKind.NOT_DUE, run.label() + " stays approvable until " + deadline + "; it is " + at);
        }
        String why = "no decision before the approval deadline " + deadline + " ("
                + run.approvals().size() + " of " + run.requiredApprovals() + " approvals)";
        String summary = "approval of " + run.label() + " expired with "
                + run.approvals().size() + " of " + run.requiredApprovals() + " approvals";
        return TransitionResult.applied(change(run, EXPIRED, BOT, why, at, TimelineKind.APPROVAL, summary, null, ""));
    }

    /**
     * The run's incident ended (resolved, or closed by a person) while the run still waited to run: it is cancelled,
     * so nothing runs on a closed incident. Refused unless the run is proposed or approved.
     */
    public static TransitionResult<RunChange> cancel(RemediationRun run, String actor, String reason, Instant at) {
        NonBlank.require(actor, "actor");
        NonBlank.require(reason, "reason");
        if (!run.state().isPending()) {
            return refusedFor(run, "there is nothing to cancel", CANCELLED);
        }
        String summary = run.label() + " cancelled: " + reason;
        return TransitionResult.applied(
                change(run, CANCELLED, actor, reason, at, TimelineKind.ACTION, summary, null, ""));
    }

    /**
     * A worker starts an approved run. {@code timeout} is the step's timeout plus the grace a kill may take: after
     * {@code at + timeout} a reaper may record it as failed. Refused unless the run is approved, and while {@code
     * runningOnTarget} (a run of the same service and environment, found by the store in the same transaction) runs.
     */
    public static TransitionResult<RunChange> start(
            RemediationRun run,
            RemediationTarget incident,
            Optional<RemediationRun> runningOnTarget,
            String actor,
            String worker,
            Duration timeout,
            Instant at) {
        if (!incident.incidentId().equals(run.incidentId())) {
            throw new IllegalArgumentException(
                    run.id() + " belongs to " + run.incidentId() + ", not " + incident.incidentId());
        }
        NonBlank.require(actor, "actor");
        NonBlank.require(worker, "worker");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a run timeout must be positive, got " + timeout);
        }
        if (!incident.open()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    run.label() + " cannot run: " + incident.endedSince()
                            + ", and nothing runs on an incident that has ended");
        }
        if (run.state() == PROPOSED) {
            Optional<TransitionResult<RunChange>> expired = refusedIfExpired(run, at, "it cannot run");
            if (expired.isPresent()) {
                return expired.get();
            }
        }
        if (run.state() != APPROVED) {
            String consequence = run.state() == PROPOSED ? "it cannot run before it is approved" : "it cannot run";
            return refusedFor(run, consequence, RUNNING);
        }
        if (runningOnTarget.isPresent() && !runningOnTarget.get().id().equals(run.id())) {
            RemediationRun busy = runningOnTarget.get();
            return TransitionResult.refused(
                    RefusalKind.TARGET_BUSY,
                    busy.label() + " is running for " + incident.service() + " in " + incident.environment()
                            + " since " + busy.lastTransition().at()
                            + "; one remediation at a time per service and environment");
        }
        Instant deadline = at.plus(timeout);
        RunTransition transition = new RunTransition(
                Optional.of(APPROVED), RUNNING, actor, at, "started on " + worker + ", deadline " + deadline);
        RemediationRun after = run.withRunning(worker, deadline, append(run.transitions(), transition));
        String summary = actor + " started " + run.label() + " on " + worker;
        return TransitionResult.applied(new RunChange(
                Optional.of(run),
                after,
                Optional.empty(),
                List.of(transition),
                event(after, at, TimelineKind.ACTION, actor, summary, detail(after, Optional.of(APPROVED))),
                Optional.empty()));
    }

    /**
     * A running run reports its result: {@link RunState#SUCCEEDED} or {@link RunState#FAILED}. {@code detail} (output,
     * already masked and capped) goes into the timeline entry. Refused unless the run is running.
     *
     * @throws IllegalArgumentException when {@code outcome} is not SUCCEEDED or FAILED (a bug in the caller)
     */
    public static TransitionResult<RunChange> finish(
            RemediationRun run, RunState outcome, String actor, String reason, String detail, Instant at) {
        if (outcome != SUCCEEDED && outcome != FAILED) {
            throw new IllegalArgumentException("a run finishes as SUCCEEDED or FAILED, not " + outcome);
        }
        NonBlank.require(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (run.state() != RUNNING) {
            return refusedFor(run, "it is not running", outcome);
        }
        String summary = run.label() + " " + outcome.name().toLowerCase(Locale.ROOT) + ": " + reason;
        AutomationResult result = outcome == SUCCEEDED ? AutomationResult.SUCCEEDED : AutomationResult.FAILED;
        return TransitionResult.applied(
                change(run, outcome, actor, reason, at, TimelineKind.ACTION, summary, result, detail));
    }

    /** The run's worker stopped without a result: its effect is unknown. Refused unless the run is running. */
    public static TransitionResult<RunChange> interrupt(RemediationRun run, String actor, String reason, Instant at) {
        NonBlank.require(reason, "reason");
        if (run.state() != RUNNING) {
            return refusedFor(run, "it is not running", INTERRUPTED);
        }
        String summary = run.label() + " was interrupted: " + reason + "; its effect is unknown: verify, then propose"
                + " it again";
        return TransitionResult.applied(change(
                run, INTERRUPTED, actor, reason, at, TimelineKind.ACTION, summary, AutomationResult.INTERRUPTED, ""));
    }

    /** The reason restart recovery gives for a run that was running when the bot stopped. */
    public static final String RESTARTED = "runbook-bot restarted while it was running";

    /** Restart recovery: a run that was running when the bot stopped is interrupted. */
    public static TransitionResult<RunChange> interruptByRestart(RemediationRun run, Instant at) {
        return interrupt(run, BOT, RESTARTED, at);
    }

    /**
     * A decision (approve or reject) that arrived at or after the approval deadline is refused as {@link
     * RefusalKind#EXPIRED}; the store then records the expiry itself, in the same transaction, with this change.
     */
    public static Optional<RunChange> expiryAfterLateDecision(
            RemediationRun run, TransitionResult<RunChange> decision, Instant at) {
        if (decision instanceof TransitionResult.Refused<RunChange> refused
                && refused.kind() == RefusalKind.EXPIRED
                && run.state() == PROPOSED) {
            return expire(run, at).appliedValue();
        }
        return Optional.empty();
    }

    /** Where the run stands, in words: "was rejected by U2 at ... (reason)". */
    public static String describe(RemediationRun run) {
        return RunChanges.describe(run);
    }
}
