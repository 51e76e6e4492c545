package dev.runbookbot.testing;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A remediator for tests that acts on nothing: the preview names the action and the run's parameters, and an execution
 * goes through the store's compare-and-set start and finish (so a second execution of the same run is refused, as in
 * the real pipeline) and is recorded here with who asked for it; a manual step marked done starts and succeeds the same
 * way, and is not an execution. Thread-safe.
 */
public final class RecordingRemediator implements Remediator {
    /** One execution that got past the compare-and-set start. */
    public record Execution(RunId run, String actor, Map<String, Object> params) {}

    private final IncidentStore store;
    private final List<Execution> executions = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    public RecordingRemediator(IncidentStore store) {
        this.store = store;
    }

    @Override
    public String preview(Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
        String action = remediation.action().map(a -> a.type().yamlName()).orElse("manual");
        return action + " " + remediation.id() + " on " + incident.service() + " in " + incident.environment()
                + " with " + new TreeMap<>(inputs.params());
    }

    @Override
    public String execute(RunContext context, Actor actor) {
        RunId run = context.run().id();
        TemplateContext inputs = context.inputs();
        TransitionResult<RemediationRun> started =
                store.start(run, actor.userId(), "test-worker", Duration.ofMinutes(1));
        if (started instanceof TransitionResult.Refused<RemediationRun> refused) {
            synchronized (this) {
                refusals.add(refused.reason());
            }
            return "not started: " + refused.reason();
        }
        synchronized (this) {
            executions.add(new Execution(run, actor.userId(), inputs.params()));
        }
        store.finish(run, RunState.SUCCEEDED, actor.userId(), "done by the test remediator", "ok");
        return run + " succeeded";
    }

    @Override
    public String markDone(RunContext context, Actor actor) {
        RunId run = context.run().id();
        TransitionResult<RemediationRun> started =
                store.start(run, actor.userId(), "test-worker", Duration.ofMinutes(1));
        if (started instanceof TransitionResult.Refused<RemediationRun> refused) {
            return run + " was not marked done: " + refused.reason();
        }
        store.finish(run, RunState.SUCCEEDED, actor.userId(), "done by hand by " + actor.userId(), "");
        return run + " done by hand by " + actor.userId();
    }

    public synchronized List<Execution> executions() {
        return List.copyOf(executions);
    }

    public synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }
}
