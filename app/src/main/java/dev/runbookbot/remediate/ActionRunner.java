package dev.runbookbot.remediate;

import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an approved run's action on the calling thread: the {@link Escalator} for an escalation, else the executor
 * registered for the action's type. An executor that throws or returns nothing gives a failed outcome with the reason,
 * never an exception. Blocks for as long as the action takes. Thread-safe.
 */
final class ActionRunner {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ActionExecutors executors;
    private final Escalator escalator;
    private final ActionPreviews previews;
    private final Optional<ActionLoop> loops;

    ActionRunner(ActionExecutors executors, Escalator escalator, ActionPreviews previews, Optional<ActionLoop> loops) {
        this.executors = executors;
        this.escalator = escalator;
        this.previews = previews;
        this.loops = loops;
    }

    /** Runs the action, once or, with {@code items}, once per item of its {@code forEach} loop. */
    ActionOutcome act(
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun run,
            String actor,
            Optional<LoopItems.Resolved> items) {
        RemediationSpec remediation = context.remediation();
        if (previews.escalates(remediation)) {
            try {
                ActionOutcome outcome = escalator.escalate(incident, context.runbook(), remediation, actor);
                return outcome == null ? new ActionOutcome.Failed("the escalator returned no outcome", "") : outcome;
            } catch (RuntimeException e) {
                log.warn("escalating {} failed unexpectedly", incident.incidentId(), e);
                return new ActionOutcome.Failed("the escalation failed unexpectedly: " + e, "");
            }
        }
        ActionExecutor executor =
                executors.forType(remediation.action().orElseThrow().type()).orElseThrow();
        if (items.isPresent()) {
            return loops.get()
                    .run(
                            incident,
                            run,
                            context,
                            items.get(),
                            inputs -> actOne(executor, incident, context, run, inputs));
        }
        return actOne(executor, incident, context, run, context.inputs());
    }

    /** The action once, with {@code inputs} (a loop's item set); never throws. */
    private ActionOutcome actOne(
            ActionExecutor executor,
            RemediationTarget incident,
            RemediationContext context,
            RemediationRun run,
            TemplateContext inputs) {
        ActionSpec action = context.remediation().action().orElseThrow();
        try {
            ActionOutcome outcome = executor.execute(previews.request(incident, context, run.attempt(), inputs));
            return outcome == null
                    ? new ActionOutcome.Failed("the " + action.type().yamlName() + " executor returned no outcome", "")
                    : outcome;
        } catch (RuntimeException e) {
            log.warn("the {} executor failed on {}", action.type().yamlName(), run.label(), e);
            return new ActionOutcome.Failed(
                    "the " + action.type().yamlName() + " executor failed unexpectedly: " + e, "");
        }
    }
}
