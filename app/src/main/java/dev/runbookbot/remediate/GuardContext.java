package dev.runbookbot.remediate;

import java.time.Instant;
import java.util.Objects;

/**
 * What a guard decides on, all read at the moment of execution (never from a button or a message): the incident and
 * the run as stored now, the runbook, remediation and inputs the run belongs to, the action as it would run now
 * ({@code preview}, rendered and masked exactly as {@link RemediationPipeline#preview} shows it), who asked, and when.
 */
public record GuardContext(
        RemediationTarget incident,
        RemediationRun run,
        RemediationContext remediation,
        String preview,
        String actor,
        Instant at) {
    public GuardContext {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
