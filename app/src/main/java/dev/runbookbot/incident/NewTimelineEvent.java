package dev.runbookbot.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry to append to an incident's timeline. {@code at} is when it happened (a diagnostic's end, an alert's start),
 * which may be before it is stored. {@code summary} is one line for people; {@code detail} is free text, by convention a
 * JSON object, for the whole record (kept short: large output belongs elsewhere). {@code actor} is a stable identity:
 * a Slack user id, {@value RemediationLifecycle#BOT}, or the name of the sending system, never a display name.
 */
public record NewTimelineEvent(
        IncidentId incidentId,
        Optional<RunId> runId,
        Instant at,
        TimelineKind kind,
        String actor,
        String summary,
        String detail) {
    public NewTimelineEvent {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        NonBlank.require(actor, "actor");
        NonBlank.require(summary, "summary");
        Objects.requireNonNull(detail, "detail");
    }

    public static NewTimelineEvent of(
            IncidentId incidentId, Instant at, TimelineKind kind, String actor, String summary, String detail) {
        return new NewTimelineEvent(incidentId, Optional.empty(), at, kind, actor, summary, detail);
    }
}
