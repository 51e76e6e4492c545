package dev.runbookbot.incident;

import static dev.runbookbot.incident.IncidentService.BOT;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incident's diagnosis and what follows from it, on a worker: the diagnostics run with progress in the thread, the
 * plan's decisions go into the timeline, and each remediation the plan chooses is proposed, the one proposal path for a
 * first diagnosis, a re-run and "propose again" alike (its preview, the approvals it needs, its message). A safe step
 * that needs no approval runs at once ({@link RunExecution}); the incident moves to the state the plan leaves it in.
 */
final class DiagnosisAndProposal {
    private static final Logger log = LoggerFactory.getLogger(DiagnosisAndProposal.class);

    private final IncidentStore store;
    private final Diagnoser diagnoser;
    private final ChatGateway chat;
    private final Remediator remediator;
    private final IncidentMover mover;
    private final RunExecution execution;
    private final RunbookHandOff handOff;
    private final Suppression suppression;
    private final Clock clock;

    DiagnosisAndProposal(
            IncidentStore store,
            Diagnoser diagnoser,
            ChatGateway chat,
            Remediator remediator,
            IncidentMover mover,
            RunExecution execution,
            RunbookHandOff handOff,
            Suppression suppression,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.remediator = Objects.requireNonNull(remediator, "remediator");
        this.mover = Objects.requireNonNull(mover, "mover");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.handOff = Objects.requireNonNull(handOff, "handOff");
        this.suppression = Objects.requireNonNull(suppression, "suppression");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void diagnoseAndPropose(
            Incident opened,
            RunbookSpec runbook,
            List<DiagnosticSpec> steps,
            TemplateContext context,
            Actor requester) {
        diagnoseAndPropose(opened, runbook, steps, context, requester, 0);
    }

    /**
     * Runs {@code steps}, shows the plan and proposes it; a plan that hands off continues under the next runbook
     * ({@link RunbookHandOff}), {@code handOffs} being how many hand-offs led here, and a plan that suppresses runs
     * only what runs unattended and then ends the incident ({@link Suppression}).
     */
    private void diagnoseAndPropose(
            Incident opened,
            RunbookSpec runbook,
            List<DiagnosticSpec> steps,
            TemplateContext context,
            Actor requester,
            int handOffs) {
        try {
            Incident incident = mover.moveTo(opened, runbook, IncidentState.DIAGNOSING, "diagnostics started");
            ThreadProgress progress = new ThreadProgress(incident, runbook, steps.size(), store, chat, clock);
            DiagnosisReport report = diagnoser.diagnose(runbook, steps, context, progress);
            for (var entry : report.plan().timeline()) {
                if (!isResultEvent(entry.event(), report)) {
                    store.append(NewTimelineEvent.of(
                            incident.id(), entry.at(), TimelineKind.DECISION, BOT, entry.event(), ""));
                }
            }
            chat.showPlan(incident, runbook, report.plan());
            if (report.plan().handOff().isPresent()) {
                Optional<RunbookHandOff.Next> next =
                        handOff.handOff(incident, runbook, report.plan(), report.inputsWithResults(), handOffs);
                if (next.isPresent()) {
                    RunbookHandOff.Next to = next.get();
                    diagnoseAndPropose(
                            to.incident(),
                            to.runbook(),
                            to.runbook().diagnostics(),
                            to.context(),
                            requester,
                            handOffs + 1);
                } else {
                    mover.moveTo(
                            incident, runbook, IncidentState.OPEN, "diagnosis finished: the hand-off did not happen");
                }
                return;
            }
            // A plan that suppresses runs only what runs unattended, then ends the incident as expected.
            Optional<PlannedRemediation> suppressed = report.plan().suppression();
            List<String> notProposed = new java.util.ArrayList<>();
            boolean awaiting = false;
            List<RemediationRun> autoRun = new java.util.ArrayList<>();
            // a remediation's forEach reads its items from this diagnosis when it is proposed (again when it runs)
            Map<String, Map<String, Object>> readings = new java.util.LinkedHashMap<>();
            report.results().forEach(r -> readings.put(r.stepId(), StepReadings.of(r)));
            TemplateContext withFacts = context.withDiagnostics(readings);
            for (PlannedRemediation planned : report.plan().remediations()) {
                if (suppressed.isPresent() && !runsUnattended(planned.remediation())) {
                    if (planned != suppressed.get()) {
                        notProposed.add(planned.remediation().id());
                    }
                    continue;
                }
                RemediationRun run = propose(incident, runbook, planned, withFacts, requester);
                if (run.state() == RunState.PROPOSED) {
                    awaiting = true;
                } else if (run.state() == RunState.APPROVED && runsByItself(runbook, planned.remediation())) {
                    autoRun.add(run);
                }
            }
            IncidentState next = awaiting
                    ? IncidentState.AWAITING_APPROVAL
                    : !autoRun.isEmpty() ? IncidentState.REMEDIATING : IncidentState.OPEN;
            incident = mover.moveTo(
                    incident,
                    runbook,
                    next,
                    "diagnosis finished: " + report.plan().severity().label());
            for (RemediationRun run : autoRun) {
                RemediationSpec spec = runbook.remediation(run.remediationId()).orElseThrow();
                execution.execute(
                        incident, new RunContext(run, incident.target(), runbook, spec, context), Actor.system(BOT));
            }
            if (suppressed.isPresent()) {
                suppression.suppress(
                        store.incident(incident.id()).orElse(incident),
                        runbook,
                        suppressed.get(),
                        context,
                        notProposed);
            }
        } catch (StoreUnavailableException e) {
            // The record cannot be written (a full disk): nothing more can be stored; say so where it can be read.
            log.warn("incident {}: the diagnosis stopped, storage unavailable: {}", opened.id(), e.getMessage());
            chat.note(
                    opened,
                    "The diagnosis stopped: storage unavailable (runbook-bot cannot write its database; the disk may"
                            + " be full). Run `/runbook run " + runbook.id() + "` again once it is fixed.");
        } catch (RuntimeException e) {
            log.error("incident {} failed during diagnosis", opened.id(), e);
            store.append(NewTimelineEvent.of(
                    opened.id(),
                    clock.instant(),
                    TimelineKind.NOTE,
                    BOT,
                    "the diagnosis stopped on an internal error: "
                            + e.getClass().getSimpleName(),
                    ""));
            chat.note(
                    opened,
                    "The diagnosis stopped on an internal error; see the bot's log. Evidence gathered so far"
                            + " is in `runbookctl timeline " + opened.id() + "`.");
        }
    }

    /**
     * The plan's timeline repeats the diagnosis ("diagnostics started: 2 steps", "check_db: critical — ..."), which
     * {@link ThreadProgress} has already recorded, step by step, as it happened; only the decisions are new.
     */
    private static boolean isResultEvent(String event, DiagnosisReport report) {
        return event.startsWith("diagnostics started: ")
                || report.results().stream().anyMatch(r -> event.startsWith(r.stepId() + ": "));
    }

    /** Safe automated remediations that need no approval run without a click. */
    private static boolean runsUnattended(RemediationSpec remediation) {
        return remediation.type() == RemediationType.AUTOMATED
                && !remediation.safety().needsHuman();
    }

    /**
     * What the bot starts by itself once proposed: a safe automated remediation without {@code requiresApproval}, and
     * an escalation without {@code requiresApproval} (it pages people and changes nothing, so the plan choosing it is
     * the decision; {@link RunbookSpec#approvalsNeeded} asks no approval for it, and {@code runbookctl run} calls it
     * unattended). Anything else that needs no approval (a manual step, a hand-off, a suppression) has its own path.
     */
    private static boolean runsByItself(RunbookSpec runbook, RemediationSpec remediation) {
        return runsUnattended(remediation)
                || (remediation.type() == RemediationType.ESCALATE && runbook.approvalsNeeded(remediation) == 0);
    }

    private RemediationRun propose(
            Incident incident,
            RunbookSpec runbook,
            PlannedRemediation planned,
            TemplateContext context,
            Actor requester) {
        RemediationSpec remediation = planned.remediation();
        String preview = remediator.preview(incident, runbook, remediation, context);
        int approvals = runbook.approvalsNeeded(remediation);
        RemediationRun run = store.propose(new NewRun(
                        incident.id(),
                        remediation.id(),
                        nextAttempt(incident.id(), remediation.id()),
                        remediation
                                .action()
                                .map(a -> a.type().yamlName())
                                .orElse(remediation.type().name().toLowerCase(java.util.Locale.ROOT)),
                        preview,
                        requester.userId(),
                        "chosen by " + planned.chosenBy(),
                        approvals,
                        approvals > 0 ? Optional.of(remediation.safety().approvalTimeout()) : Optional.empty()))
                .value();
        ChatPost shown =
                chat.showRemediation(new RemediationView(incident, runbook, remediation, run, planned.chosenBy()));
        if (shown instanceof ChatPost.Posted posted) {
            run = store.attachMessage(run.id(), posted.location())
                    .appliedValue()
                    .orElse(run);
        }
        return run;
    }

    /**
     * The attempt a proposal of {@code remediationId} gets: 1 at first; the latest attempt again while it is still
     * pending or running (proposing it again changes nothing); the next one once it has ended.
     */
    private int nextAttempt(IncidentId incident, String remediationId) {
        return store.runs(incident).stream()
                .filter(r -> r.remediationId().equals(remediationId))
                .max(java.util.Comparator.comparingInt(RemediationRun::attempt))
                .map(last -> last.state().isFinal() ? last.attempt() + 1 : last.attempt())
                .orElse(1);
    }
}
