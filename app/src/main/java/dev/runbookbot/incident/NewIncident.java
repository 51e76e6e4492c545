package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to open an incident. The store assigns the id and the times, and starts it in {@link IncidentState#OPEN}.
 *
 * <p>{@code dedupKey}: while an open incident has this key, opening another returns that one instead. When
 * {@code previousIncident} is empty and a resolved incident has the same key, the store links the most recent one.
 * {@code escalateAfter}: how long the incident may stay unacknowledged before it escalates; the store turns it into an
 * absolute deadline. {@code thread} is usually empty here and attached once the parent message is posted.
 */
public record NewIncident(
        String title,
        String runbookId,
        String runbookVersion,
        String service,
        Severity severity,
        String environment,
        IncidentSource source,
        Optional<String> dedupKey,
        Optional<ChatLocation> thread,
        String triggeredBy,
        Optional<IncidentId> previousIncident,
        Optional<Duration> escalateAfter) {
    public NewIncident {
        NonBlank.require(title, "title");
        NonBlank.require(runbookId, "runbook id");
        NonBlank.require(runbookVersion, "runbook version");
        NonBlank.require(service, "service");
        Objects.requireNonNull(severity, "severity");
        NonBlank.require(environment, "environment");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dedupKey, "dedupKey").ifPresent(key -> NonBlank.require(key, "dedup key"));
        Objects.requireNonNull(thread, "thread");
        NonBlank.require(triggeredBy, "triggered by");
        Objects.requireNonNull(previousIncident, "previousIncident");
        Objects.requireNonNull(escalateAfter, "escalateAfter").ifPresent(after -> {
            if (after.isNegative()) {
                throw new IllegalArgumentException("escalateAfter must not be negative, got " + after);
            }
        });
    }
}
