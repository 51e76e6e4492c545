package dev.runbookbot.incident;

import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Hears one incident's diagnosis: each finished step goes into the timeline and into the thread's progress message
 * (which the chat gateway coalesces), the last update marked final. Thread-safe.
 */
final class ThreadProgress implements RunListener {
    private final Incident incident;
    private final RunbookSpec runbook;
    private final int total;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Clock clock;
    private final List<DiagnosticResult> finished = new ArrayList<>();

    ThreadProgress(
            Incident incident, RunbookSpec runbook, int total, IncidentStore store, ChatGateway chat, Clock clock) {
        this.incident = incident;
        this.runbook = runbook;
        this.total = total;
        this.store = store;
        this.chat = chat;
        this.clock = clock;
    }

    @Override
    public void diagnosticFinished(DiagnosticResult result) {
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.DIAGNOSTIC,
                "runbook-bot",
                result.name() + ": " + result.status().label() + " (" + result.reason() + ")",
                result.evidence()));
        List<DiagnosticResult> soFar;
        synchronized (finished) {
            finished.add(result);
            soFar = List.copyOf(finished);
        }
        if (soFar.size() < total) {
            chat.showDiagnosis(incident, runbook, soFar, total, false);
        }
    }

    /** Each iteration of a {@code forEach} step is its own timeline entry; the thread shows the step's one result. */
    @Override
    public void iterationFinished(DiagnosticSpec step, int index, Object item, DiagnosticResult result) {
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.DIAGNOSTIC,
                "runbook-bot",
                step.name() + " [" + (index + 1) + "] " + LoopItems.label(item) + ": "
                        + result.status().label() + " (" + result.reason() + ")",
                result.evidence()));
    }

    @Override
    public void diagnosisFinished(List<DiagnosticResult> results) {
        chat.showDiagnosis(incident, runbook, results, total, true);
    }
}
