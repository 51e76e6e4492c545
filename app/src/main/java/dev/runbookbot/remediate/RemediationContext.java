package dev.runbookbot.remediate;

import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stored run does not hold but its execution needs: the runbook at the version the incident ran ({@code
 * Incident.runbookVersion}), the remediation the run names, the inputs its templates are rendered with (parameters,
 * labels, annotations), and, when still known, the diagnosis that proposed it (the "before" evidence for the recovery
 * check; empty after a restart, when only the runbook's decision tree says which decisions name the remediation).
 */
public record RemediationContext(
        RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs, Optional<DiagnosisReport> diagnosis) {
    public RemediationContext {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(diagnosis, "diagnosis");
        if (runbook.remediation(remediation.id()).isEmpty()) {
            throw new IllegalArgumentException(
                    "remediation " + remediation.id() + " is not part of runbook " + runbook.id());
        }
    }
}
