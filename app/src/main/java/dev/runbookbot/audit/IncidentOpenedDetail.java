package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry an incident's opening records: its runbook and version, service, severity,
 * environment and source (the names of those enums), and, when there are any, its dedup key, the incident it follows
 * ({@code previous}) and its escalation deadline; absent ones are null and left out of the stored detail.
 */
public record IncidentOpenedDetail(
        String runbook,
        String version,
        String service,
        String severity,
        String environment,
        String source,
        String dedupKey,
        String previous,
        String escalationDeadline)
        implements TimelineDetail {
    public IncidentOpenedDetail {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(version, "version");
    }
}
