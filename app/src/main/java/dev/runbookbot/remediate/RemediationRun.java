package dev.runbookbot.remediate;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.audit.RunId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at one remediation of one incident, with its approvals and its full audit trail.
 *
 * <p>{@code (incidentId, remediationId, attempt)} is unique: proposing the same attempt twice returns the first. {@code
 * action} is the action type (for example {@code restart_service}), the name automation events and the overrides report
 * use. {@code preview} is exactly what will run, secrets masked, as the approver sees it. {@code requestedBy} is kept so
 * the caller can enforce four eyes (on P1 the requester may not approve). {@code approvalDeadline} and {@code
 * runDeadline} are absolute instants. {@code worker} names who runs it, so a reaper can tell when that worker is gone.
 * {@code message} is the Slack message that shows it, edited in place after a restart.
 */
public record RemediationRun(
        RunId id,
        IncidentId incidentId,
        String remediationId,
        int attempt,
        String action,
        String preview,
        RunState state,
        String requestedBy,
        Instant requestedAt,
        int requiredApprovals,
        List<Approval> approvals,
        Optional<Instant> approvalDeadline,
        Optional<Instant> runDeadline,
        Optional<String> worker,
        Optional<ChatLocation> message,
        List<RunTransition> transitions) {
    public RemediationRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        NonBlank.require(remediationId, "remediation id");
        NonBlank.require(action, "action");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(state, "state");
        NonBlank.require(requestedBy, "requested by");
        Objects.requireNonNull(requestedAt, "requestedAt");
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(approvalDeadline, "approvalDeadline");
        Objects.requireNonNull(runDeadline, "runDeadline");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(message, "message");
        transitions = List.copyOf(transitions);
    }

    /** How people see it in a thread or a timeline: {@code restart-api (run-7)}. */
    public String label() {
        return remediationId + " (" + id + ")";
    }

    public boolean hasApproved(String person) {
        return approvals.stream().anyMatch(a -> a.approver().equals(person));
    }

    public int missingApprovals() {
        return Math.max(0, requiredApprovals - approvals.size());
    }

    /** The transition that put it into its current state. */
    public RunTransition lastTransition() {
        return transitions.get(transitions.size() - 1);
    }

    RemediationRun with(RunState newState, List<Approval> newApprovals, List<RunTransition> newTransitions) {
        return copy(newState, newApprovals, approvalDeadline, runDeadline, worker, message, newTransitions);
    }

    RemediationRun withRunning(String newWorker, Instant deadline, List<RunTransition> newTransitions) {
        return copy(
                RunState.RUNNING,
                approvals,
                approvalDeadline,
                Optional.of(deadline),
                Optional.of(newWorker),
                message,
                newTransitions);
    }

    /** The same run shown in another Slack message. */
    public RemediationRun withMessage(ChatLocation location) {
        return copy(state, approvals, approvalDeadline, runDeadline, worker, Optional.of(location), transitions);
    }

    /** The same run with another approval deadline (the restart rule, {@link RunDeadlines#clampedDeadline}). */
    public RemediationRun withApprovalDeadline(Instant deadline) {
        return copy(state, approvals, Optional.of(deadline), runDeadline, worker, message, transitions);
    }

    /** The same run with the parts that change over its life replaced; what it is and who asked stay. */
    private RemediationRun copy(
            RunState newState,
            List<Approval> newApprovals,
            Optional<Instant> newApprovalDeadline,
            Optional<Instant> newRunDeadline,
            Optional<String> newWorker,
            Optional<ChatLocation> newMessage,
            List<RunTransition> newTransitions) {
        return new RemediationRun(
                id,
                incidentId,
                remediationId,
                attempt,
                action,
                preview,
                newState,
                requestedBy,
                requestedAt,
                requiredApprovals,
                newApprovals,
                newApprovalDeadline,
                newRunDeadline,
                newWorker,
                newMessage,
                newTransitions);
    }
}
