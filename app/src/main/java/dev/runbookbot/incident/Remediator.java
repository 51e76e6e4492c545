package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * Carries out remediations for the incident service: renders what a remediation would do, and executes an approved
 * run (guards, compare-and-set start, the action, expected output, the recorded outcome). Thread-safe; {@link #execute}
 * blocks for the action's duration, so callers run it on a worker.
 */
public interface Remediator {
    /** Exactly what would run (command, request, target, environment), secrets masked. No side effects. */
    String preview(Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs);

    /**
     * Executes the run of {@code context} (read once, when the click arrived) if every guard allows it; the returned
     * text reports the outcome for the thread.
     */
    String execute(RunContext context, Actor actor);

    /** Records that {@code actor} carried out a manual remediation by hand; the returned text reports it. */
    String markDone(RunContext context, Actor actor);
}
