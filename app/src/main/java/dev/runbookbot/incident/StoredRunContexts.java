package dev.runbookbot.incident;

import dev.runbookbot.audit.RunId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the {@link RunContext} of a run, once per click, over the incident store, the runbook catalog and the inputs the incident service keeps: one read
 * each of the run, its incident, the runbook version the incident started with (the newest version when the catalog
 * no longer serves it) and the incident's inputs (empty when none were kept: then the dry run differs from the approved
 * preview and the pipeline refuses to run it).
 */
public final class StoredRunContexts {
    private final IncidentQueries store;
    private final Catalog catalog;
    private final IncidentInputs inputs;

    public StoredRunContexts(IncidentQueries store, Catalog catalog, IncidentInputs inputs) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    public RunLookup load(RunId id) {
        Optional<RemediationRun> found = store.run(id);
        if (found.isEmpty()) {
            return new RunLookup.Missing(found, "this button is no longer valid (no run " + id + ")");
        }
        RemediationRun run = found.get();
        Optional<Incident> incident = store.incident(run.incidentId());
        if (incident.isEmpty()) {
            return new RunLookup.Missing(found, "no incident " + run.incidentId());
        }
        String runbookId = incident.get().runbookId();
        Optional<RunbookSpec> runbook = catalog.version(
                        runbookId, incident.get().runbookVersion())
                .or(() -> catalog.byId(runbookId).filter(r -> r.id().equals(runbookId)));
        if (runbook.isEmpty()) {
            return new RunLookup.Missing(found, "runbook " + runbookId + " is no longer in the catalog");
        }
        Optional<RemediationSpec> remediation = runbook.get().remediation(run.remediationId());
        if (remediation.isEmpty()) {
            return new RunLookup.Missing(found, "runbook " + runbookId + " no longer defines " + run.remediationId());
        }
        TemplateContext values = inputs.load(run.incidentId()).orElse(TemplateContext.empty());
        return new RunLookup.Found(
                incident.get(),
                new RunContext(
                        run,
                        incident.get().target(),
                        runbook.get(),
                        remediation.get(),
                        values,
                        remediation.get().preconditions().after().isEmpty()
                                ? List.of()
                                : store.runs(run.incidentId())));
    }
}
