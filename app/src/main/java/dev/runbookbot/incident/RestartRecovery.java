package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Restart recovery: finds the open incidents whose diagnosis a stop cut short and diagnoses them again (diagnostics
 * only read, so repeating them is safe), or reports why it cannot; delivers the threads and proposals that did not land
 * before the stop. Runs once at start-up, and on the replica that takes over a dead replica's incidents. Thread-safe.
 */
final class RestartRecovery {
    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentInputs inputs;
    private final Executor workers;
    private final Clock clock;
    private final ThreadOpener threads;
    private final DiagnosisAndProposal diagnosis;

    RestartRecovery(
            Catalog catalog,
            IncidentStore store,
            ChatGateway chat,
            IncidentInputs inputs,
            Executor workers,
            Clock clock,
            ThreadOpener threads,
            DiagnosisAndProposal diagnosis) {
        this.catalog = catalog;
        this.store = store;
        this.chat = chat;
        this.inputs = inputs;
        this.workers = workers;
        this.clock = clock;
        this.threads = threads;
        this.diagnosis = diagnosis;
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
    List<Incident> resumeInterruptedDiagnoses() {
        return resumeInterruptedDiagnoses(incidents -> store.incidents(true, Integer.MAX_VALUE));
    }

    /**
     * The same recovery for the incidents {@code which} names, among the open ones: a replica's diagnoses that the
     * replica holding the background lease took over after that replica died (docs/scaling.md).
     */
    List<Incident> resumeInterruptedDiagnoses(java.util.Set<IncidentId> which) {
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
                    && timeline.stream().noneMatch(e -> e.summary().equals(IncidentService.INTERRUPTED));
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
            store.append(NewTimelineEvent.of(
                    incident.id(),
                    clock.instant(),
                    TimelineKind.NOTE,
                    IncidentService.BOT,
                    IncidentService.INTERRUPTED,
                    ""));
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
            threads.openThread(
                    incident,
                    runbook,
                    RunRequest.of(runbook.id(), Actor.system(incident.triggeredBy()), incident.source())
                            .channel(runbook.escalation().primary())
                            .build());
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
            threads.openThread(
                    incident,
                    runbook,
                    RunRequest.of(runbook.id(), requester, incident.source())
                            .channel(runbook.escalation().primary())
                            .build());
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
            current = store.moveTo(incident.id(), IncidentState.OPEN, IncidentService.BOT, IncidentService.INTERRUPTED)
                    .appliedValue()
                    .orElse(incident);
        }
        chat.note(current, text);
        Incident shown = current;
        catalog.byId(incident.runbookId()).ifPresent(r -> chat.showIncident(shown, r));
    }
}
