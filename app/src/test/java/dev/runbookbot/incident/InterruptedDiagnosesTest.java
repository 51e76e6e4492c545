package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a restart, incidents whose diagnosis the stop cut short are reported in their threads, once. */
class InterruptedDiagnosesTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed = new IncidentTestBed(store, clock);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aDiagnosingIncidentAndANeverDiagnosedOneAreReportedAndAFinishedOneIsNot() {
        Incident finished = ((StartResult.Started) bed.service()
                        .start(new RunRequest(
                                "payments-slow",
                                Map.of(),
                                Optional.empty(),
                                Actor.system("alertmanager"),
                                IncidentSource.ALERTMANAGER,
                                Optional.empty(),
                                Map.of(),
                                Map.of(),
                                Optional.of("fp-done"),
                                Optional.empty(),
                                Optional.empty())))
                .incident();
        Incident neverStarted = opened("fp-new");
        Incident cutShort = opened("fp-cut");
        assertTrue(store.moveTo(cutShort.id(), IncidentState.DIAGNOSING, "runbook-bot", "diagnostics started")
                .isApplied());
        int before = bed.chat().calls().size();

        List<Incident> reported = bed.service().reportInterruptedDiagnoses();

        assertEquals(
                List.of(cutShort.id(), neverStarted.id()),
                reported.stream().map(Incident::id).toList(),
                "newest first, as the store lists open incidents; " + finished.id() + " finished");
        assertEquals(
                IncidentState.OPEN, store.incident(cutShort.id()).orElseThrow().state());
        List<String> said =
                bed.chat().calls().subList(before, bed.chat().calls().size());
        assertTrue(
                said.contains("note " + cutShort.id() + " runbook-bot stopped while its diagnosis was running, so the"
                        + " diagnosis of this incident is incomplete (what finished is above and in `runbookctl"
                        + " timeline " + cutShort.id() + "`). Nothing is re-run by itself: run `/runbook run"
                        + " payments-slow` to diagnose again."),
                said.toString());
        assertTrue(
                said.stream()
                        .anyMatch(c -> c.startsWith(
                                "note " + neverStarted.id() + " runbook-bot stopped before its diagnosis started")),
                said.toString());
        assertEquals(List.of("diagnosis interrupted by a restart"), bed.timeline(cutShort.id(), TimelineKind.NOTE));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), bed.service().reportInterruptedDiagnoses(), "reported once, however often it restarts");
    }

    private Incident opened(String key) {
        return store.open(new NewIncident(
                        "payments slow",
                        "payments-slow",
                        "v1",
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
