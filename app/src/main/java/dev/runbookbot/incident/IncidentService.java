package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one orchestrator of incidents: slash commands, alerts, the CLI and buttons all come through here. It resolves the
 * runbook, opens the incident and its thread at once, runs the diagnosis on a worker, proposes the plan's remediations
 * and carries out the decisions people make on them, each checked by {@link ApprovalPolicy} when it arrives and applied
 * as a compare-and-set in the store. It imports nothing of Slack, HTTP or SQL. Thread-safe.
 */
public final class IncidentService {
    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    public static final String BOT = "runbook-bot";
    static final String INTERRUPTED = "diagnosis interrupted by a restart";

    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentInputs inputs;
    private final Executor workers;
    private final Clock clock;
    private final IncidentOpening opening;
    private final RestartRecovery recovery;
    private final RunClicks clicks;
    private final DiagnosisAndProposal diagnosis;

    public IncidentService(
            Catalog catalog,
            IncidentStore store,
            Diagnoser diagnoser,
            ChatGateway chat,
            ApprovalPolicy policy,
            Remediator remediator,
            IncidentInputs inputs,
            Executor workers,
            Clock clock,
            String defaultEnvironment) {
        this.catalog = catalog;
        this.store = store;
        this.chat = chat;
        this.inputs = inputs;
        this.workers = workers;
        this.clock = clock;
        AfterRemediation afterRemediation = new AfterRemediation(catalog, store, chat);
        IncidentMover mover = new IncidentMover(store, chat);
        RunExecution execution = new RunExecution(store, chat, remediator, mover, afterRemediation);
        this.diagnosis = new DiagnosisAndProposal(
                store,
                diagnoser,
                chat,
                remediator,
                mover,
                execution,
                new RunbookHandOff(catalog, store, chat, inputs, clock),
                new Suppression(store, chat, clock),
                clock);
        this.clicks = new RunClicks(
                store,
                chat,
                remediator,
                new StoredRunContexts(store, catalog, inputs),
                new ClickAuthority(policy, chat),
                execution,
                workers,
                clock);
        ThreadOpener threads = new ThreadOpener(store, chat, clock);
        this.opening = new IncidentOpening(
                catalog, store, chat, inputs, workers, clock, defaultEnvironment, threads, diagnosis);
        this.recovery = new RestartRecovery(catalog, store, chat, inputs, workers, clock, threads, diagnosis);
    }

    /**
     * Opens an incident for {@code request} and posts its parent message, then continues on a worker. Returns at once
     * with the incident, or with why nothing was started (unknown runbook or step, bad parameters).
     */
    public StartResult start(RunRequest request) {
        return opening.start(request);
    }

    /**
     * Runs the diagnostics of an open incident again with the inputs it opened with, and proposes what the new plan
     * chooses (a remediation whose last attempt has ended is proposed as its next attempt). Refused while a diagnosis
     * or a remediation is running, and for a resolved incident.
     */
    public TransitionResult<Incident> rediagnose(Incident incident, RunbookSpec runbook, Actor actor, String why) {
        if (!incident.isOpen()) {
            return TransitionResult.refused(RefusalKind.NOT_ALLOWED, incident.id() + " is resolved; reopen it first");
        }
        if (incident.state() == IncidentState.DIAGNOSING || incident.state() == IncidentState.REMEDIATING) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " is "
                            + incident.state()
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', ' ') + "; wait until that has finished");
        }
        Optional<TemplateContext> context = inputs.load(incident.id());
        if (context.isEmpty()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED, "the inputs " + incident.id() + " opened with are no longer known");
        }
        store.append(NewTimelineEvent.of(incident.id(), clock.instant(), TimelineKind.NOTE, actor.userId(), why, ""));
        chat.note(incident, why + ".");
        workers.execute(
                () -> diagnosis.diagnoseAndPropose(incident, runbook, runbook.diagnostics(), context.get(), actor));
        return TransitionResult.applied(incident);
    }

    /**
     * Approve button, clicked on the message at {@code clickedOn}. Like every button, it acts only when that is the
     * run's own message ({@link MessageBinding}).
     */
    public ActionAnswer approve(RunId runId, Actor actor, ChatLocation clickedOn) {
        return clicks.decide(runId, actor, clickedOn, ApprovalPolicy.Purpose.APPROVE);
    }

    /** Reject button. */
    public ActionAnswer reject(RunId runId, Actor actor, ChatLocation clickedOn) {
        return clicks.decide(runId, actor, clickedOn, ApprovalPolicy.Purpose.REJECT);
    }

    /** Run button of a safe remediation that was not started automatically. */
    public ActionAnswer run(RunId runId, Actor actor, ChatLocation clickedOn) {
        return clicks.decide(runId, actor, clickedOn, ApprovalPolicy.Purpose.RUN);
    }

    /** Done button of a manual remediation: records who did it. */
    public ActionAnswer markDone(RunId runId, Actor actor, ChatLocation clickedOn) {
        return clicks.decide(runId, actor, clickedOn, ApprovalPolicy.Purpose.MARK_DONE);
    }

    /**
     * "I'm on it" clicked on the message at {@code clickedOn}: acts only when that is the incident's parent message
     * ({@link MessageBinding}); a click from anywhere else is refused and the refusal recorded in the timeline.
     */
    public ActionAnswer acknowledge(IncidentId id, Actor actor, ChatLocation clickedOn) {
        Optional<Incident> incident = store.incident(id);
        if (incident.isEmpty()) {
            return ActionAnswer.refused("this button is no longer valid (no incident " + id + ")");
        }
        Optional<String> elsewhere =
                MessageBinding.refusal(clickedOn, incident.get().thread().or(() -> chat.placeOf(id)), id.toString());
        if (elsewhere.isPresent()) {
            store.append(NewTimelineEvent.of(
                    id,
                    clock.instant(),
                    TimelineKind.ACKNOWLEDGEMENT,
                    actor.userId(),
                    "refused acknowledge of " + id + ": " + elsewhere.get(),
                    ""));
            return ActionAnswer.refused(elsewhere.get());
        }
        return acknowledge(id, actor);
    }

    /**
     * The incident was acknowledged at its alert source (PagerDuty), or through {@link #acknowledge(IncidentId, Actor,
     * ChatLocation)}: records the acknowledgement and stops the escalation timer.
     */
    public ActionAnswer acknowledge(IncidentId id, Actor actor) {
        TransitionResult<Incident> result = store.acknowledge(id, actor.userId());
        if (result instanceof TransitionResult.Refused<Incident> refused) {
            return ActionAnswer.refused(refused.reason());
        }
        Incident incident = result.appliedValue().orElseThrow();
        catalog.byId(incident.runbookId()).ifPresent(runbook -> chat.showIncident(incident, runbook));
        return ActionAnswer.accepted(actor.userId() + " is on it");
    }

    /**
     * An alert source said something about an open incident that changes nothing by itself: the alert repeated, or
     * PagerDuty says someone acknowledged or reassigned it. Recorded on the incident's timeline as an {@link
     * TimelineKind#ALERT} entry by {@code actor} (the sending system), and posted in its thread too when {@code
     * inThread}.
     */
    public void recordAlert(Incident incident, String actor, String summary, String detail, boolean inThread) {
        store.append(NewTimelineEvent.of(incident.id(), clock.instant(), TimelineKind.ALERT, actor, summary, detail));
        if (inThread) {
            chat.note(incident, summary);
        }
    }

    /**
     * The alert behind an open incident has ended at its source: resolves the open incident that {@code source} opened
     * under {@code dedupKey}, once. The thread gets {@code sentence} ("Resolved by Alertmanager at ...") and the
     * parent message shows the incident resolved. A resolution repeated, arriving late, or for an alert that opened
     * no incident changes nothing and returns empty (Alertmanager and PagerDuty deliver at least once).
     *
     * @param endedAt when the source says the alert ended (recorded with the transition)
     */
    public Optional<Incident> resolveFromAlert(
            String dedupKey, IncidentSource source, Instant endedAt, String sentence) {
        Optional<Incident> open =
                store.openIncidentByDedupKey(dedupKey).filter(incident -> incident.source() == source);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        String actor = source.name().toLowerCase(java.util.Locale.ROOT);
        TransitionResult<Incident> moved = store.moveTo(
                open.get().id(), IncidentState.RESOLVED, actor, "alert ended at " + endedAt + ": " + sentence);
        Optional<Incident> resolved = moved.appliedValue();
        resolved.ifPresent(incident -> {
            chat.note(incident, sentence);
            catalog.byId(incident.runbookId()).ifPresent(runbook -> chat.showIncident(incident, runbook));
            showCancelledRuns(incident);
        });
        return resolved;
    }

    /**
     * After {@code incident} ended (the store cancels its pending runs in the same transaction): edits each cancelled
     * run's message so it says cancelled, why and when, and shows no buttons. Call it after any change that ends an
     * incident; repeating it only edits the same messages again.
     */
    public void showCancelledRuns(Incident incident) {
        Optional<RunbookSpec> runbook = catalog.byId(incident.runbookId());
        if (runbook.isEmpty()) {
            return;
        }
        for (RemediationRun run : store.runs(incident.id())) {
            if (run.state() == RunState.CANCELLED) {
                runbook.get()
                        .remediation(run.remediationId())
                        .ifPresent(spec ->
                                chat.showRemediation(new RemediationView(incident, runbook.get(), spec, run, "")));
            }
        }
    }

    /**
     * Restart recovery, called once at start-up before new work arrives: an open incident whose diagnosis the stop cut
     * short (still diagnosing, or opened but never diagnosed) is diagnosed again, since diagnostics are read-only and
     * safe to repeat, with the inputs stored when it opened and the runbook version it opened with; its thread is
     * opened first if the stop came before that, and the thread says what happened. When its inputs or that runbook
     * version are gone, it is reported instead (thread and timeline, once) and a diagnosing one returns to open, so the
     * parent message tells the truth. A diagnosis of a single step ({@code --step}) is repeated in full. Returns the
     * incidents it found.
     */
    public List<Incident> resumeInterruptedDiagnoses() {
        return recovery.resumeInterruptedDiagnoses();
    }

    /**
     * The same recovery for the incidents {@code which} names, among the open ones: a replica's diagnoses that the
     * replica holding the background lease took over after that replica died (docs/scaling.md).
     */
    public List<Incident> resumeInterruptedDiagnoses(java.util.Set<IncidentId> which) {
        return recovery.resumeInterruptedDiagnoses(which);
    }
}
