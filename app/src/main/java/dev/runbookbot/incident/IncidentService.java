package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    private final Diagnoser diagnoser;
    private final ChatGateway chat;
    private final Remediator remediator;
    private final IncidentInputs inputs;
    private final Executor workers;
    private final Clock clock;
    private final String defaultEnvironment;
    private final AfterRemediation afterRemediation;
    private final LastTimes lastTimes;
    private final IncidentJoin join;
    private final IncidentMover mover;
    private final RunExecution execution;
    private final RunClicks clicks;
    private final DiagnosisAndProposal diagnosis;
    /** Starts of one dedup key are one at a time from storing the incident to storing its inputs. */
    private final Object[] startLocks = new Object[64];

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
        this.diagnoser = diagnoser;
        this.chat = chat;
        this.remediator = remediator;
        this.inputs = inputs;
        this.workers = workers;
        this.clock = clock;
        this.defaultEnvironment = defaultEnvironment;
        this.afterRemediation = new AfterRemediation(catalog, store, chat);
        this.lastTimes = new LastTimes(store);
        this.join = new IncidentJoin(store, chat, clock);
        this.mover = new IncidentMover(store, chat);
        this.execution = new RunExecution(store, chat, remediator, mover, afterRemediation);
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
        for (int i = 0; i < startLocks.length; i++) {
            startLocks[i] = new Object();
        }
    }

    private Object startLock(Optional<String> dedupKey) {
        return startLocks[Math.floorMod(dedupKey.orElse("").hashCode(), startLocks.length)];
    }

    /**
     * Opens an incident for {@code request} and posts its parent message, then continues on a worker. Returns at once
     * with the incident, or with why nothing was started (unknown runbook or step, bad parameters).
     */
    public StartResult start(RunRequest request) {
        Optional<RunbookSpec> found = catalog.byId(request.runbookId());
        if (found.isEmpty()) {
            return new StartResult.Refused(
                    List.of("no runbook '" + request.runbookId() + "'"), catalog.suggestIds(request.runbookId()));
        }
        RunbookSpec runbook = found.get();
        List<DiagnosticSpec> steps = runbook.diagnostics();
        if (request.onlyStep().isPresent()) {
            Optional<DiagnosticSpec> step =
                    runbook.diagnostic(request.onlyStep().get());
            if (step.isEmpty()) {
                return new StartResult.Refused(
                        List.of("runbook '" + runbook.id() + "' has no diagnostic '"
                                + request.onlyStep().get() + "'"),
                        runbook.diagnostics().stream().map(DiagnosticSpec::id).toList());
            }
            steps = List.of(step.get());
        }
        TemplateContext context;
        try {
            context = ParameterBinder.bind(runbook, request.params(), request.labels(), request.annotations());
        } catch (ParameterException e) {
            return new StartResult.Refused(e.problems(), List.of());
        }
        Optional<Incident> joined =
                join.join(request, runbook.id(), request.environment().orElse(defaultEnvironment));
        if (joined.isPresent()) {
            return new StartResult.Started(joined.get(), true);
        }
        Incident incident;
        synchronized (startLock(request.dedupKey())) {
            Recorded<Incident> opened = store.open(new NewIncident(
                    request.title().orElse(runbook.name()),
                    runbook.id(),
                    runbook.version(),
                    runbook.service(),
                    runbook.severity(),
                    request.environment().orElse(defaultEnvironment),
                    request.source(),
                    request.dedupKey(),
                    Optional.empty(),
                    request.requester().userId(),
                    Optional.empty(),
                    Optional.of(Duration.ofMinutes(runbook.escalation().escalateAfterMinutes()))));
            incident = opened.value();
            // A duplicate whose inputs were never stored is a start the process did not finish (it stopped right after
            // storing the incident): this repeat of the request finishes it. Any other duplicate is a repeat.
            if (opened.duplicate()
                    && (inputs.load(incident.id()).isPresent()
                            || !incident.runbookVersion().equals(runbook.version()))) {
                return new StartResult.Started(incident, true);
            }
            // Another bot process on the store may be finishing the same start: the one that keeps the inputs goes on.
            if (!inputs.saveFirst(incident.id(), context)) {
                return new StartResult.Started(incident, true);
            }
        }
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.NOTE,
                request.requester().userId(),
                "runbook " + runbook.id() + " (version " + runbook.version() + ") started from "
                        + request.source().name().toLowerCase(java.util.Locale.ROOT),
                ""));
        ChatPost thread = openThread(incident, runbook, request);
        if (thread instanceof ChatPost.Posted) {
            incident = store.incident(incident.id()).orElse(incident);
        }
        Incident opened = incident;
        lastTimes.of(opened).ifPresent(text -> chat.showLastTimes(opened, runbook, text));
        Incident opening = incident;
        List<DiagnosticSpec> chosen = steps;
        workers.execute(() -> diagnosis.diagnoseAndPropose(opening, runbook, chosen, context, request.requester()));
        return new StartResult.Started(incident, false, Optional.of(thread));
    }

    /**
     * Posts the parent message and records where it is. When the chat service has not taken it yet ({@link
     * ChatPost.Pending}) the gateway keeps trying and records the place through {@link ChatPlacements}; only a channel
     * the bot cannot post in is worth telling the requester about.
     */
    private ChatPost openThread(Incident incident, RunbookSpec runbook, RunRequest request) {
        String channel = request.channel().orElse(runbook.escalation().primary());
        ChatPost post = chat.openThread(channel, incident, runbook);
        if (post instanceof ChatPost.Posted posted) {
            store.attachThread(incident.id(), posted.location());
            return post;
        }
        String why = post.why();
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.MESSAGE,
                BOT,
                (post instanceof ChatPost.Pending
                                ? "the incident thread in " + channel + " is not posted yet: "
                                : "could not open the incident thread in " + channel + ": ")
                        + why,
                ""));
        if (!(post instanceof ChatPost.Pending) && !request.requester().teamId().isEmpty()) {
            chat.tell(
                    request.channel().orElse(channel),
                    request.requester().userId(),
                    "I could not post in " + channel + ": " + why + ". The diagnosis runs anyway: see `/runbook status "
                            + incident.id() + "`.");
        }
        return post;
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
        return resumeInterruptedDiagnoses(incidents -> store.incidents(true, Integer.MAX_VALUE));
    }

    /**
     * The same recovery for the incidents {@code which} names, among the open ones: a replica's diagnoses that the
     * replica holding the background lease took over after that replica died (docs/scaling.md).
     */
    public List<Incident> resumeInterruptedDiagnoses(java.util.Set<IncidentId> which) {
        return resumeInterruptedDiagnoses(incidents -> which.stream()
                .map(incidents::incident)
                .flatMap(Optional::stream)
                .filter(incident -> incident.state() != IncidentState.RESOLVED)
                .toList());
    }

    private List<Incident> resumeInterruptedDiagnoses(java.util.function.Function<IncidentStore, List<Incident>> open) {
        List<Incident> found = new java.util.ArrayList<>();
        for (Incident incident : open.apply(store)) {
            boolean diagnosing = incident.state() == IncidentState.DIAGNOSING;
            List<TimelineEvent> timeline =
                    diagnosing || incident.state() == IncidentState.OPEN ? store.timeline(incident.id()) : List.of();
            boolean neverDiagnosed = incident.state() == IncidentState.OPEN
                    && timeline.stream()
                            .noneMatch(e -> e.kind() == TimelineKind.STATE
                                    && TimelineDetails.read(e.detail(), StateChangeDetail.class)
                                            .filter(change -> change.to().equals(IncidentState.DIAGNOSING.name()))
                                            .isPresent())
                    && timeline.stream().noneMatch(e -> e.summary().equals(INTERRUPTED));
            if (!diagnosing && !neverDiagnosed) {
                List<RemediationRun> runs = store.runs(incident.id());
                boolean shown = incident.thread().isPresent()
                        && (runs.isEmpty()
                                || runs.stream().anyMatch(r -> r.message().isPresent()));
                if (!shown) {
                    catalog.byId(incident.runbookId()).ifPresent(runbook -> deliverLateThread(incident, runbook, runs));
                }
                continue;
            }
            found.add(incident);
            String what = diagnosing ? "while its diagnosis was running" : "before its diagnosis started";
            store.append(NewTimelineEvent.of(incident.id(), clock.instant(), TimelineKind.NOTE, BOT, INTERRUPTED, ""));
            Optional<RunbookSpec> runbook =
                    catalog.byId(incident.runbookId()).filter(r -> r.version().equals(incident.runbookVersion()));
            Optional<TemplateContext> context = inputs.load(incident.id());
            if (runbook.isPresent() && context.isPresent()) {
                resume(incident, runbook.get(), context.get(), what);
            } else {
                reportInterrupted(
                        incident,
                        what,
                        runbook.isEmpty() ? "the runbook version it opened with is" : "the inputs it opened with are");
            }
        }
        return found;
    }

    /**
     * An open incident whose diagnosis finished but whose messages did not all land before the bot stopped (Slack did
     * not take them yet, or the stop came first): its parent is posted now if it never was, and its proposals are
     * shown in its thread (with the diagnosis as recorded).
     */
    private void deliverLateThread(Incident incident, RunbookSpec runbook, List<RemediationRun> runs) {
        if (incident.thread().isEmpty()) {
            openThread(
                    incident,
                    runbook,
                    RunRequest.manual(
                            runbook.id(),
                            Map.of(),
                            Optional.empty(),
                            Actor.system(incident.triggeredBy()),
                            incident.source(),
                            runbook.escalation().primary()));
        }
        Incident current = store.incident(incident.id()).orElse(incident);
        for (RemediationRun run : runs) {
            Optional<RemediationSpec> spec = runbook.remediation(run.remediationId());
            if (spec.isPresent()) {
                ChatPost shown = chat.showRemediation(new RemediationView(current, runbook, spec.get(), run, ""));
                if (shown instanceof ChatPost.Posted posted) {
                    store.attachMessage(run.id(), posted.location());
                }
            }
        }
    }

    private void resume(Incident incident, RunbookSpec runbook, TemplateContext context, String what) {
        Actor requester = Actor.system(incident.triggeredBy());
        Incident current = incident;
        if (incident.thread().isEmpty()) {
            openThread(
                    incident,
                    runbook,
                    RunRequest.manual(
                            runbook.id(),
                            Map.of(),
                            Optional.empty(),
                            requester,
                            incident.source(),
                            runbook.escalation().primary()));
            current = store.incident(incident.id()).orElse(incident);
        }
        chat.note(
                current,
                "runbook-bot stopped " + what + "; diagnosing this incident again now (diagnostics only"
                        + " read, so repeating them is safe).");
        Incident resumed = current;
        workers.execute(
                () -> diagnosis.diagnoseAndPropose(resumed, runbook, runbook.diagnostics(), context, requester));
    }

    private void reportInterrupted(Incident incident, String what, String missing) {
        String text = "runbook-bot stopped " + what + ", so the diagnosis of this incident is incomplete (what"
                + " finished is above and in `runbookctl timeline " + incident.id() + "`), and " + missing
                + " no longer known, so it is not re-run by itself: run `/runbook run " + incident.runbookId()
                + "` to diagnose again.";
        Incident current = incident;
        if (incident.state() == IncidentState.DIAGNOSING) {
            current = store.moveTo(incident.id(), IncidentState.OPEN, BOT, INTERRUPTED)
                    .appliedValue()
                    .orElse(incident);
        }
        chat.note(current, text);
        Incident shown = current;
        catalog.byId(incident.runbookId()).ifPresent(r -> chat.showIncident(shown, r));
    }
}
