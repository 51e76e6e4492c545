package dev.runbookbot.store;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.Acknowledgement;
import dev.runbookbot.incident.Incident;
import java.time.Instant;

/**
 * An incident as the columns of the {@code incident} table, for binding (nulls where the record has empty). Internal to
 * the store: public only because Jdbi binds its accessors reflectively.
 */
public record IncidentRow(
        long id,
        String title,
        String runbookId,
        String runbookVersion,
        String service,
        String severity,
        String environment,
        String source,
        String dedupKey,
        String threadChannel,
        String threadTs,
        String state,
        String triggeredBy,
        long createdMs,
        long updatedMs,
        Long previousId,
        String acknowledgedBy,
        Long acknowledgedMs,
        Long escalationDeadlineMs) {
    static IncidentRow of(Incident incident) {
        return new IncidentRow(
                incident.id().value(),
                incident.title(),
                incident.runbookId(),
                incident.runbookVersion(),
                incident.service(),
                incident.severity().name(),
                incident.environment(),
                incident.source().name(),
                incident.dedupKey().orElse(null),
                incident.thread().map(ChatLocation::channel).orElse(null),
                incident.thread().map(ChatLocation::ts).orElse(null),
                incident.state().name(),
                incident.triggeredBy(),
                incident.createdAt().toEpochMilli(),
                incident.updatedAt().toEpochMilli(),
                incident.previousIncident().map(IncidentId::value).orElse(null),
                incident.acknowledgement().map(Acknowledgement::by).orElse(null),
                incident.acknowledgement().map(a -> a.at().toEpochMilli()).orElse(null),
                incident.escalationDeadline().map(Instant::toEpochMilli).orElse(null));
    }
}
