package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationContext;
import dev.runbookbot.remediate.RemediationContexts;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RemediationTarget;
import dev.runbookbot.remediate.UnchangedActionGuard;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RemediationContexts} over the runbook catalog and the inputs the incident service keeps: the incident's
 * runbook as the catalog holds it now, the run's remediation in it, and the incident's saved inputs. Empty when the
 * runbook, the remediation or the inputs are gone (after a restart the in-memory inputs are), so the run is refused
 * rather than rendered with other values.
 *
 * <p>The catalog's current version is used even when the runbook was reloaded since the incident opened: the guards
 * then apply the runbook's current safety rules, and {@link UnchangedActionGuard} refuses the run if the action it
 * would perform is no longer the one approved. The diagnosis that proposed the run is not kept here, so recovery checks
 * judge by the decisions that name the remediation. Thread-safe.
 */
public final class CatalogRemediationContexts implements RemediationContexts {
    private final Catalog catalog;
    private final IncidentInputs inputs;

    public CatalogRemediationContexts(Catalog catalog, IncidentInputs inputs) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    @Override
    public Optional<RemediationContext> find(RemediationTarget incident, RemediationRun run) {
        Optional<RunbookSpec> runbook =
                catalog.byId(incident.runbookId()).filter(r -> r.id().equals(incident.runbookId()));
        if (runbook.isEmpty()) {
            return Optional.empty();
        }
        Optional<RemediationSpec> remediation = runbook.get().remediation(run.remediationId());
        return remediation.flatMap(spec -> inputs.load(incident.incidentId())
                .map(values -> new RemediationContext(runbook.get(), spec, values, Optional.empty())));
    }
}
