package dev.runbookbot.incident;

import dev.runbookbot.audit.NewTimelineEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * What one accepted incident change writes, in one transaction: the incident before (empty when it is being opened)
 * and after, and the timeline entry that records who did it, when and why.
 */
public record IncidentChange(Optional<Incident> before, Incident after, NewTimelineEvent event) {
    public IncidentChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(event, "event");
    }
}
