package dev.runbookbot.remediate;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.runbook.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * What remediation knows of the incident a run belongs to: its id, the service and environment an action touches, the
 * severity (four eyes on P1), the runbook that handles it, and whether it is still open ({@code status} and {@code
 * since} say what it became when it is not). The incident package builds it ({@code Incident.target()}), so remediation
 * depends on no incident type.
 */
public record RemediationTarget(
        IncidentId incidentId,
        String service,
        String environment,
        Severity severity,
        String runbookId,
        String runbookVersion,
        boolean open,
        String status,
        Instant since) {
    public RemediationTarget {
        Objects.requireNonNull(incidentId, "incidentId");
        NonBlank.require(service, "service");
        NonBlank.require(environment, "environment");
        Objects.requireNonNull(severity, "severity");
        NonBlank.require(runbookId, "runbook id");
        NonBlank.require(runbookVersion, "runbook version");
        NonBlank.require(status, "status");
        Objects.requireNonNull(since, "since");
    }

    /** Why nothing may run on it any more: {@code INC-4 is resolved since 2026-...}. */
    public String endedSince() {
        return incidentId + " is " + status + " since " + since;
    }
}
