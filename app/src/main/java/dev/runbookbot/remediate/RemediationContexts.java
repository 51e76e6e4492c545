package dev.runbookbot.remediate;

import java.util.Optional;

/**
 * Finds the {@link RemediationContext} of a stored run: the orchestrator implements it over the runbook catalog (by
 * {@code incident.runbookId()} and {@code incident.runbookVersion()}, never the latest version: a run executes the text
 * that was approved) and the inputs it bound when the incident opened. Empty when that runbook version or those inputs
 * are no longer known (for example after a restart that lost them): the run is then refused with what to do, never run
 * with other inputs. Thread-safe; called on the thread that executes the run.
 */
@FunctionalInterface
public interface RemediationContexts {
    Optional<RemediationContext> find(RemediationTarget incident, RemediationRun run);
}
