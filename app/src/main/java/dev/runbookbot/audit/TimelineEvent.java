package dev.runbookbot.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored timeline entry. {@code id} grows in the order entries were stored; a timeline lists entries by {@code at},
 * then by {@code id}. See {@link NewTimelineEvent} for the fields.
 */
public record TimelineEvent(
        long id,
        IncidentId incidentId,
        Optional<RunId> runId,
        Instant at,
        TimelineKind kind,
        String actor,
        String summary,
        String detail) {
    public TimelineEvent {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        NonBlank.require(actor, "actor");
        NonBlank.require(summary, "summary");
        Objects.requireNonNull(detail, "detail");
    }

    public static TimelineEvent stored(long id, NewTimelineEvent event) {
        return new TimelineEvent(
                id,
                event.incidentId(),
                event.runId(),
                event.at(),
                event.kind(),
                event.actor(),
                event.summary(),
                event.detail());
    }
}
