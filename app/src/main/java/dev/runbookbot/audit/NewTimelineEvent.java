package dev.runbookbot.audit;

import dev.runbookbot.remediate.RemediationLifecycle;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry to append to an incident's timeline. {@code at} is when it happened (a diagnostic's end, an alert's start),
 * which may be before it is stored. {@code summary} is one line for people; {@code detail} is free text, by convention a
 * JSON object, for the whole record. Both are capped ({@value #MAX_SUMMARY} and {@value #MAX_DETAIL} characters):
 * longer text is cut with a visible marker, because large output belongs elsewhere and must not slow the store down.
 * {@code actor} is a stable identity: a Slack user id, {@value RemediationLifecycle#BOT}, or the name of the sending
 * system, never a display name.
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
        summary = capped(NonBlank.require(summary, "summary"), MAX_SUMMARY);
        detail = capped(Objects.requireNonNull(detail, "detail"), MAX_DETAIL);
    }

    public static final int MAX_SUMMARY = 2_000;
    public static final int MAX_DETAIL = 65_536;

    private static String capped(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - 40; // room for the marker, which is shorter than 40 characters
        return text.substring(0, keep) + " [cut: " + (text.length() - keep) + " more characters]";
    }

    public static NewTimelineEvent of(
            IncidentId incidentId, Instant at, TimelineKind kind, String actor, String summary, String detail) {
        return new NewTimelineEvent(incidentId, Optional.empty(), at, kind, actor, summary, detail);
    }
}
