package dev.runbookbot.remediate;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one click on a run acts on, read once when the click arrives ({@link RunContexts#load}): the run as
 * stored, its incident as remediation sees it, the runbook version the incident started with, the remediation the run
 * performs and the incident's inputs. Who may act is decided on it, the store's transition is asked with it and the
 * pipeline executes with it: nothing on the click path reads any of them again. {@code incidentRuns} are the
 * incident's runs when the click arrived, which an {@code after} ordering is checked against
 * ({@link OrderingGuard#waitingFor}).
 */
public record RunContext(
        RemediationRun run,
        RemediationTarget incident,
        RunbookSpec runbook,
        RemediationSpec remediation,
        TemplateContext inputs,
        List<RemediationRun> incidentRuns) {
    public RunContext {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(inputs, "inputs");
        incidentRuns = List.copyOf(incidentRuns);
        if (!run.incidentId().equals(incident.incidentId())) {
            throw new IllegalArgumentException(
                    run.id() + " belongs to " + run.incidentId() + ", not " + incident.incidentId());
        }
        if (!run.remediationId().equals(remediation.id())) {
            throw new IllegalArgumentException(
                    run.id() + " performs " + run.remediationId() + ", not " + remediation.id());
        }
    }

    /** A context that knows none of the incident's other runs (a run that starts by itself, a test). */
    public RunContext(
            RemediationRun run,
            RemediationTarget incident,
            RunbookSpec runbook,
            RemediationSpec remediation,
            TemplateContext inputs) {
        this(run, incident, runbook, remediation, inputs, List.of());
    }

    /** The same click after the store changed the run (an approval recorded, a start). */
    public RunContext withRun(RemediationRun changed) {
        return new RunContext(changed, incident, runbook, remediation, inputs, incidentRuns);
    }

    /** What the guards and the action executors see of it. */
    public RemediationContext remediationContext() {
        return new RemediationContext(runbook, remediation, inputs, Optional.empty());
    }
}
