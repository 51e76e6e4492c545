package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.remediate.RemediationTarget;
import dev.runbookbot.runbook.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident as stored: what runbook (and which exact version of it) handles it, for which service, severity and
 * environment, what opened it and who, where its Slack thread is, and its current state.
 *
 * <p>{@code dedupKey} is the Alertmanager fingerprint or PagerDuty incident id: while the incident is open no other
 * open incident has the same key. {@code previousIncident} links a new firing to the resolved incident with the same key.
 * {@code escalationDeadline} is an absolute instant, so an escalation timer survives a restart; it is cleared when
 * someone acknowledges, when the incident escalates, and when it resolves.
 */
public record Incident(
        IncidentId id,
        String title,
        String runbookId,
        String runbookVersion,
        String service,
        Severity severity,
        String environment,
        IncidentSource source,
        Optional<String> dedupKey,
        Optional<ChatLocation> thread,
        IncidentState state,
        String triggeredBy,
        Instant createdAt,
        Instant updatedAt,
        Optional<IncidentId> previousIncident,
        Optional<Acknowledgement> acknowledgement,
        Optional<Instant> escalationDeadline) {
    public Incident {
        Objects.requireNonNull(id, "id");
        NonBlank.require(title, "title");
        NonBlank.require(runbookId, "runbook id");
        NonBlank.require(runbookVersion, "runbook version");
        NonBlank.require(service, "service");
        Objects.requireNonNull(severity, "severity");
        NonBlank.require(environment, "environment");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(state, "state");
        NonBlank.require(triggeredBy, "triggered by");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(previousIncident, "previousIncident");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        Objects.requireNonNull(escalationDeadline, "escalationDeadline");
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    /** What remediation may know of this incident. */
    public RemediationTarget target() {
        return new RemediationTarget(
                id,
                service,
                environment,
                severity,
                runbookId,
                runbookVersion,
                state.isOpen(),
                state.name().toLowerCase(Locale.ROOT),
                updatedAt);
    }

    Incident withState(IncidentState newState, Instant at) {
        Optional<Instant> deadline = newState.isOpen() ? escalationDeadline : Optional.empty();
        return changed(thread, newState, at, acknowledgement, deadline);
    }

    Incident withEscalationDeadline(Optional<Instant> deadline) {
        return changed(thread, state, updatedAt, acknowledgement, deadline);
    }

    Incident withAcknowledgement(Acknowledgement ack) {
        return changed(thread, state, ack.at(), Optional.of(ack), Optional.empty());
    }

    Incident withEscalation(Instant at) {
        return changed(thread, IncidentState.ESCALATED, at, acknowledgement, Optional.empty());
    }

    Incident withThread(ChatLocation location, Instant at) {
        return changed(Optional.of(location), state, at, acknowledgement, escalationDeadline);
    }

    /** The same incident with what its lifecycle changes: the thread, the state, the acknowledgement, the deadline. */
    private Incident changed(
            Optional<ChatLocation> newThread,
            IncidentState newState,
            Instant at,
            Optional<Acknowledgement> ack,
            Optional<Instant> deadline) {
        return new Incident(
                id,
                title,
                runbookId,
                runbookVersion,
                service,
                severity,
                environment,
                source,
                dedupKey,
                newThread,
                newState,
                triggeredBy,
                createdAt,
                at,
                previousIncident,
                ack,
                deadline);
    }

    /** The same incident under another runbook (a hand-off); everything else stays. */
    Incident withRunbook(String newRunbookId, String newRunbookVersion, Instant at) {
        return new Incident(
                id,
                title,
                newRunbookId,
                newRunbookVersion,
                service,
                severity,
                environment,
                source,
                dedupKey,
                thread,
                state,
                triggeredBy,
                createdAt,
                at,
                previousIncident,
                acknowledgement,
                escalationDeadline);
    }
}
