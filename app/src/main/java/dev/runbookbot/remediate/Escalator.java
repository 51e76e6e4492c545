package dev.runbookbot.remediate;

import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * Escalates an incident to people: the runbook's {@code escalation} targets (a Slack channel or user group, a PagerDuty
 * service). The orchestrator implements it over Slack and PagerDuty; the pipeline calls it, on the thread that executes
 * the run, for a remediation of type {@code escalate} (or an action of type {@code escalate}) after the run has
 * started, and records the outcome like any action's. Returns {@link ActionOutcome.Failed} (never throws) when the page
 * or message could not be sent, with the reason. The outcome's text is stored, so it must hold no secret (a routing
 * key, a token). Thread-safe.
 */
@FunctionalInterface
public interface Escalator {
    ActionOutcome escalate(RemediationTarget incident, RunbookSpec runbook, RemediationSpec remediation, String actor);
}
