package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an approved run on the calling worker thread, for a click or for a step that runs unattended: the
 * incident moves to remediating, the {@link Remediator} runs it with the context the click loaded, the outcome is noted
 * in the thread and the run's message shows how it ended. A run that failed or never started leaves nothing running,
 * so the incident does not stay remediating ({@link AfterRemediation}).
 */
final class RunExecution {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final IncidentStore store;
    private final ChatGateway chat;
    private final Remediator remediator;
    private final IncidentMover mover;
    private final AfterRemediation afterRemediation;

    RunExecution(
            IncidentStore store,
            ChatGateway chat,
            Remediator remediator,
            IncidentMover mover,
            AfterRemediation afterRemediation) {
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.remediator = Objects.requireNonNull(remediator, "remediator");
        this.mover = Objects.requireNonNull(mover, "mover");
        this.afterRemediation = Objects.requireNonNull(afterRemediation, "afterRemediation");
    }

    void execute(Incident incident, RunContext context, Actor actor) {
        RemediationRun run = context.run();
        try {
            mover.moveTo(incident, context.runbook(), IncidentState.REMEDIATING, run.label() + " started");
            String outcome = remediator.execute(context, actor);
            chat.note(incident, outcome);
            Optional<RemediationRun> ended = store.run(run.id());
            ended.ifPresent(after -> context.runbook()
                    .remediation(after.remediationId())
                    .ifPresent(spec ->
                            chat.showRemediation(new RemediationView(incident, context.runbook(), spec, after, ""))));
            // A run that failed, or never started, leaves nothing running: the incident must not stay remediating.
            if (ended.filter(after -> after.state() != RunState.SUCCEEDED).isPresent()) {
                afterRemediation.ended(
                        incident.id(),
                        run.id(),
                        false,
                        outcome.lines().findFirst().orElse(run.label() + " failed"));
            }
        } catch (RuntimeException e) {
            log.error("remediation {} failed unexpectedly", run.label(), e);
            chat.note(incident, run.label() + " stopped on an internal error; its state is recorded as it was.");
        }
    }
}
