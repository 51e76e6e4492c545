package dev.runbookbot.store;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run as the columns of the {@code remediation_run} table, with the row {@code version} its compare-and-set checks.
 * Approvals and transitions live in their own tables. Internal to the store: public only because Jdbi binds its
 * accessors reflectively.
 */
public record RunRow(
        long id,
        long incidentId,
        String remediationId,
        int attempt,
        String action,
        String preview,
        String state,
        String requestedBy,
        long requestedMs,
        int requiredApprovals,
        Long approvalDeadlineMs,
        Long runDeadlineMs,
        String worker,
        String messageChannel,
        String messageTs,
        long version) {
    static RunRow of(RemediationRun run, long version) {
        return new RunRow(
                run.id().value(),
                run.incidentId().value(),
                run.remediationId(),
                run.attempt(),
                run.action(),
                run.preview(),
                run.state().name(),
                run.requestedBy(),
                run.requestedAt().toEpochMilli(),
                run.requiredApprovals(),
                run.approvalDeadline().map(Instant::toEpochMilli).orElse(null),
                run.runDeadline().map(Instant::toEpochMilli).orElse(null),
                run.worker().orElse(null),
                run.message().map(ChatLocation::channel).orElse(null),
                run.message().map(ChatLocation::ts).orElse(null),
                version);
    }

    RemediationRun toRun(List<Approval> approvals, List<RunTransition> transitions) {
        return new RemediationRun(
                new RunId(id),
                new IncidentId(incidentId),
                remediationId,
                attempt,
                action,
                preview,
                RunState.valueOf(state),
                requestedBy,
                Instant.ofEpochMilli(requestedMs),
                requiredApprovals,
                approvals,
                Optional.ofNullable(approvalDeadlineMs).map(Instant::ofEpochMilli),
                Optional.ofNullable(runDeadlineMs).map(Instant::ofEpochMilli),
                Optional.ofNullable(worker),
                messageChannel == null ? Optional.empty() : Optional.of(new ChatLocation(messageChannel, messageTs)),
                transitions);
    }
}
