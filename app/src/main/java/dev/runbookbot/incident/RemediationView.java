package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * A proposed remediation as a person deciding on it sees it: the incident, the remediation as the runbook defines it,
 * its run (state, approvals, deadline) and {@code preview}, exactly what will run with secrets masked.
 */
public record RemediationView(
        Incident incident, RunbookSpec runbook, RemediationSpec remediation, RemediationRun run, String chosenBy) {}
