package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The one entry point for a click on a run's button (Approve, Reject, Run, Done). The click's {@link RunContext} is
 * loaded once ({@link StoredRunContexts}); the {@link ClickAuthority} decides, first and once, whether this person may
 * do this from this message; the store applies the decision as a compare-and-set; the run's message shows the result;
 * a run that may run now goes to a worker with the same context ({@link RunExecution}). Every refusal is recorded in
 * the timeline with who and why, and answered to the person. The click path is drawn in {@code docs/architecture.md}.
 */
final class RunClicks {
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Remediator remediator;
    private final StoredRunContexts contexts;
    private final ClickAuthority authority;
    private final RunExecution execution;
    private final Executor workers;
    private final Clock clock;

    RunClicks(
            IncidentStore store,
            ChatGateway chat,
            Remediator remediator,
            StoredRunContexts contexts,
            ClickAuthority authority,
            RunExecution execution,
            Executor workers,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.remediator = Objects.requireNonNull(remediator, "remediator");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ActionAnswer decide(RunId runId, Actor actor, ChatLocation clickedOn, ApprovalPolicy.Purpose purpose) {
        RunLookup lookup = contexts.load(runId);
        if (lookup.run().isEmpty()) {
            return ActionAnswer.refused(((RunLookup.Missing) lookup).reason());
        }
        RemediationRun run = lookup.run().get();
        Optional<String> refusal = authority.notFromItsMessage(run, clickedOn);
        if (refusal.isEmpty() && lookup instanceof RunLookup.Missing missing) {
            refusal = Optional.of(missing.reason());
        }
        if (refusal.isEmpty()) {
            refusal = authority.refusal(((RunLookup.Found) lookup).context(), actor, purpose);
        }
        if (refusal.isPresent()) {
            recordRefusal(run, actor, purpose, refusal.get());
            return ActionAnswer.refused(refusal.get());
        }
        RunLookup.Found found = (RunLookup.Found) lookup;
        RunContext context = found.context();
        Incident incident = found.incident();
        TransitionResult<RemediationRun> result =
                switch (purpose) {
                    case APPROVE -> store.approve(runId, actor.userId(), "approved in chat");
                    case REJECT -> store.reject(runId, actor.userId(), "rejected in chat");
                    case RUN ->
                        run.state() == RunState.APPROVED
                                ? TransitionResult.applied(run)
                                : TransitionResult.refused(
                                        RefusalKind.NOT_ALLOWED,
                                        run.label() + " " + RemediationLifecycle.describe(run) + "; it cannot run");
                    case MARK_DONE -> markDone(context, actor);
                };
        if (result instanceof TransitionResult.Refused<RemediationRun> refused) {
            recordRefusal(run, actor, purpose, refused.reason());
            // A late decision can change the run all the same (the store records the expiry it found): show that.
            store.run(runId)
                    .filter(after -> after.state() != run.state())
                    .ifPresent(after -> chat.showRemediation(
                            new RemediationView(incident, context.runbook(), context.remediation(), after, "")));
            return ActionAnswer.refused(refused.reason());
        }
        RemediationRun decided = result.appliedValue().orElseThrow();
        chat.showRemediation(new RemediationView(incident, context.runbook(), context.remediation(), decided, ""));
        boolean runsNow = purpose == ApprovalPolicy.Purpose.RUN
                || (purpose == ApprovalPolicy.Purpose.APPROVE && decided.state() == RunState.APPROVED);
        if (runsNow) {
            workers.execute(() -> execution.execute(incident, context.withRun(decided), actor));
        }
        return ActionAnswer.accepted(
                switch (purpose) {
                    case APPROVE ->
                        decided.state() == RunState.APPROVED
                                ? "approved " + decided.label() + "; it runs now"
                                : "approval recorded; " + decided.missingApprovals() + " more needed";
                    case REJECT -> "rejected " + decided.label();
                    case RUN -> "running " + decided.label();
                    case MARK_DONE -> "recorded that you did " + decided.label();
                });
    }

    private void recordRefusal(RemediationRun run, Actor actor, ApprovalPolicy.Purpose purpose, String reason) {
        store.append(new NewTimelineEvent(
                run.incidentId(),
                Optional.of(run.id()),
                clock.instant(),
                TimelineKind.APPROVAL,
                actor.userId(),
                "refused " + purpose.name().toLowerCase(Locale.ROOT) + " of " + run.label() + ": " + reason,
                ""));
    }

    /**
     * Records, through the remediator, that a person carried out a manual step. Only an approved run can be marked
     * done, so a second click (or a second person) after the first is refused; the remediator's own compare-and-set
     * start refuses the loser of two clicks that arrive together.
     */
    private TransitionResult<RemediationRun> markDone(RunContext context, Actor actor) {
        RemediationRun run = context.run();
        if (run.state() != RunState.APPROVED) {
            return TransitionResult.refused(
                    run.state() == RunState.SUCCEEDED ? RefusalKind.ALREADY_DONE : RefusalKind.NOT_ALLOWED,
                    run.label() + " " + RemediationLifecycle.describe(run) + "; there is nothing to mark done");
        }
        String outcome = remediator.markDone(context, actor);
        RemediationRun after = store.run(run.id()).orElse(run);
        return after.state() == RunState.SUCCEEDED
                ? TransitionResult.applied(after)
                : TransitionResult.refused(RefusalKind.NOT_ALLOWED, outcome);
    }
}
