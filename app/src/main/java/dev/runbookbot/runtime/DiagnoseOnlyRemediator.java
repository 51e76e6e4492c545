package dev.runbookbot.runtime;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Actor;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.incident.RunId;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * The remediator of a bot without remediation actions: it proposes what the runbook says and lets people approve it,
 * but it changes nothing. The preview names the action and its configuration as written in the runbook (templates not
 * filled in); an approved run is not started, and the thread says so, so a person carries it out by hand.
 *
 * <p>{@link BotRuntime} uses it until the remediation pipeline (guards, actions, expected output) is wired in; pass
 * the real one with {@link BotRuntime.Builder#remediator}.
 */
final class DiagnoseOnlyRemediator implements Remediator {
    @Override
    public String preview(Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
        return remediation
                .action()
                .map(a -> a.type().yamlName() + " " + a.config().values()
                        + "\n(as written in the runbook; this bot does not execute remediation actions)")
                .orElse(remediation.instructions().orElse(remediation.description()));
    }

    @Override
    public String execute(RunId run, Actor actor, TemplateContext inputs) {
        return run + " was not started: this runbook-bot does not execute remediation actions yet. Carry it out by"
                + " hand; the approval is recorded.";
    }
}
