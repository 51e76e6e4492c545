package dev.runbookbot.telemetry;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts remediation steps in {@code runbook_steps_executed_total{service,action,result}}: wraps the incident
 * service's {@link Remediator} and, after each execution, reads the run back from the store; a run that this execution
 * carried to a final state ({@code succeeded}, {@code failed}, {@code interrupted}) counts once, under its incident's
 * service and its action ({@code restart_service}, {@code escalate}, ...). An execution that was refused before it
 * started (not approved, target busy) executed nothing and is not counted, nor is a manual step marked done. Thread-safe.
 */
public final class MeteredRemediator implements Remediator {
    private final Remediator delegate;
    private final IncidentQueries queries;
    private final Metrics metrics;

    public MeteredRemediator(Remediator delegate, IncidentQueries queries, Metrics metrics) {
        this.delegate = delegate;
        this.queries = queries;
        this.metrics = metrics;
    }

    @Override
    public String preview(Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
        return delegate.preview(incident, runbook, remediation, inputs);
    }

    @Override
    public String execute(RunContext context, Actor actor) {
        RunState before = context.run().state();
        String outcome = delegate.execute(context, actor);
        Optional<RemediationRun> after = queries.run(context.run().id());
        if (after.isPresent()
                && after.get().state().isFinal()
                && before != after.get().state()
                && ran(after.get().state())) {
            metrics.stepExecuted(
                    context.incident().service(),
                    after.get().action(),
                    after.get().state().name().toLowerCase(Locale.ROOT));
        }
        return outcome;
    }

    /** A step done by hand is the person's, not the bot's: not counted. */
    @Override
    public String markDone(RunContext context, Actor actor) {
        return delegate.markDone(context, actor);
    }

    private static boolean ran(RunState state) {
        return state == RunState.SUCCEEDED || state == RunState.FAILED || state == RunState.INTERRUPTED;
    }
}
