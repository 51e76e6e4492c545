package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a restart, diagnoses the stop cut short are run again from the stored inputs, or reported when those are gone;
 * a finished diagnosis is left alone.
 */
class InterruptedDiagnosesTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final MemoryIncidentInputs inputs = new MemoryIncidentInputs();
    private final List<IncidentTestBed> beds = new ArrayList<>();

    @AfterEach
    void close() {
        beds.forEach(IncidentTestBed::close);
    }

    @Test
    void aDiagnosisThatNeverRanBeforeTheStopRunsAfterTheRestart() {
        IncidentTestBed stopped = bed(task -> {}); // the process stops before the diagnosis runs
        Incident incident = start(stopped, "fp-1");
        assertEquals(
                IncidentState.OPEN, store.incident(incident.id()).orElseThrow().state());

        IncidentTestBed restarted = bed(Runnable::run);
        List<Incident> found = restarted.service().resumeInterruptedDiagnoses();

        assertEquals(List.of(incident.id()), found.stream().map(Incident::id).toList());
        assertTrue(
                restarted
                        .chat()
                        .calls()
                        .contains("note " + incident.id() + " runbook-bot stopped before its diagnosis"
                                + " started; diagnosing this incident again now (diagnostics only read, so repeating them is"
                                + " safe)."),
                restarted.chat().calls().toString());
        assertTrue(
                restarted.chat().calls().contains("showDiagnosis " + incident.id() + " 1/1 final"),
                restarted.chat().calls().toString());
        List<String> results = restarted.timeline(incident.id(), TimelineKind.DIAGNOSTIC);
        assertEquals(1, results.size(), results.toString());
        assertTrue(results.get(0).startsWith("Latency: critical"), results.toString());
        assertEquals(List.of(), bed(Runnable::run).service().resumeInterruptedDiagnoses(), "once diagnosed, done");
    }

    @Test
    void anIncidentWithoutAThreadGetsItsThreadBeforeTheDiagnosis() {
        Incident incident = opened("fp-2");
        inputs.save(incident.id(), new TemplateContext(Map.of("instance", "pay-1"), Map.of(), Map.of()));
        assertTrue(store.moveTo(incident.id(), IncidentState.DIAGNOSING, "runbook-bot", "diagnostics started")
                .isApplied());

        IncidentTestBed restarted = bed(Runnable::run);
        restarted.service().resumeInterruptedDiagnoses();

        assertEquals(
                "openThread #inc-payments " + incident.id(),
                restarted.chat().calls().get(0));
        assertTrue(store.incident(incident.id()).orElseThrow().thread().isPresent());
        assertTrue(
                restarted
                        .chat()
                        .calls()
                        .contains("note " + incident.id() + " runbook-bot stopped while its diagnosis"
                                + " was running; diagnosing this incident again now (diagnostics only read, so repeating them"
                                + " is safe)."),
                restarted.chat().calls().toString());
    }

    @Test
    void withoutItsInputsItIsReportedOnceAndADiagnosingOneReturnsToOpen() {
        Incident cutShort = opened("fp-3");
        assertTrue(store.moveTo(cutShort.id(), IncidentState.DIAGNOSING, "runbook-bot", "diagnostics started")
                .isApplied());
        Incident neverStarted = opened("fp-4");

        IncidentTestBed restarted = bed(Runnable::run);
        List<Incident> found = restarted.service().resumeInterruptedDiagnoses();

        assertEquals(
                List.of(neverStarted.id(), cutShort.id()),
                found.stream().map(Incident::id).toList(),
                "newest first, as the store lists open incidents");
        assertEquals(
                IncidentState.OPEN, store.incident(cutShort.id()).orElseThrow().state());
        assertTrue(
                restarted
                        .chat()
                        .calls()
                        .contains("note " + cutShort.id() + " runbook-bot stopped while its diagnosis"
                                + " was running, so the diagnosis of this incident is incomplete (what finished is above and in"
                                + " `runbookctl timeline " + cutShort.id()
                                + "`), and the inputs it opened with are no longer known, so it is"
                                + " not re-run by itself: run `/runbook run payments-slow` to diagnose again."),
                restarted.chat().calls().toString());
        assertEquals(
                List.of("diagnosis interrupted by a restart"), restarted.timeline(cutShort.id(), TimelineKind.NOTE));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(
                List.of(), bed(Runnable::run).service().resumeInterruptedDiagnoses(), "reported once, however often");
    }

    @Test
    void aStartThatStoppedRightAfterStoringTheIncidentIsFinishedByTheRepeatedRequest() {
        Incident stored = opened("fp-6"); // stored, and then the process died: no inputs, no thread
        IncidentTestBed restarted = bed(Runnable::run);

        StartResult again = restarted
                .service()
                .start(new RunRequest(
                        "payments-slow",
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Map.of("instance", "pay-6"),
                        Map.of(),
                        Optional.of("fp-6"),
                        Optional.empty(),
                        Optional.empty()));

        StartResult.Started started = (StartResult.Started) again;
        assertEquals(stored.id(), started.incident().id());
        assertEquals(false, started.duplicate(), "this request did the start");
        assertTrue(started.incident().thread().isPresent());
        assertEquals(
                Map.of("instance", "pay-6"),
                inputs.load(stored.id()).orElseThrow().params());
        assertTrue(
                restarted.chat().calls().contains("showDiagnosis " + stored.id() + " 1/1 final"),
                restarted.chat().calls().toString());
        StartResult repeat = restarted
                .service()
                .start(new RunRequest(
                        "payments-slow",
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Map.of("instance", "pay-6"),
                        Map.of(),
                        Optional.of("fp-6"),
                        Optional.empty(),
                        Optional.empty()));
        assertTrue(((StartResult.Started) repeat).duplicate(), "after that, a repeat is a repeat");
    }

    @Test
    void aFinishedDiagnosisIsLeftAlone() {
        IncidentTestBed running = bed(Runnable::run);
        start(running, "fp-5");

        assertEquals(List.of(), bed(Runnable::run).service().resumeInterruptedDiagnoses());
    }

    private IncidentTestBed bed(java.util.concurrent.Executor workers) {
        IncidentTestBed bed = new IncidentTestBed(store, inputs, workers, clock, IncidentTestBed.PAYMENTS);
        beds.add(bed);
        return bed;
    }

    private static Incident start(IncidentTestBed bed, String key) {
        StartResult result = bed.service()
                .start(new RunRequest(
                        "payments-slow",
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Map.of("instance", "pay-1"),
                        Map.of(),
                        Optional.of(key),
                        Optional.empty(),
                        Optional.empty()));
        return ((StartResult.Started) result).incident();
    }

    private Incident opened(String key) {
        return store.open(new NewIncident(
                        "payments slow",
                        "payments-slow",
                        IncidentTestBed.runbook(IncidentTestBed.PAYMENTS).version(),
                        "payments",
                        Severity.P1,
                        "production",
                        IncidentSource.ALERTMANAGER,
                        Optional.of(key),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.of(Duration.ofMinutes(20))))
                .value();
    }
}
