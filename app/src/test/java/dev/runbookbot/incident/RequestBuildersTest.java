package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestBuildersTest {
    @Test
    void aRunRequestNamesOnlyWhatItSets() {
        RunRequest request = RunRequest.of("disk-full", Actor.system("alertmanager"), IncidentSource.ALERTMANAGER)
                .labels(Map.of("instance", "db-1"))
                .dedupKey("fp-1")
                .build();

        assertEquals(
                new RunRequest(
                        "disk-full",
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Map.of("instance", "db-1"),
                        Map.of(),
                        Optional.of("fp-1"),
                        Optional.empty(),
                        Optional.empty()),
                request);
    }

    @Test
    void aManualRequestIsTheBuilderWithParamsStepAndChannel() {
        Actor who = new Actor("U1", "T1");
        assertEquals(
                RunRequest.of("payments-slow", who, IncidentSource.SLASH_COMMAND)
                        .params(Map.of("service", "payments"))
                        .onlyStep(Optional.of("latency"))
                        .channel("C1")
                        .build(),
                RunRequest.manual(
                        "payments-slow",
                        Map.of("service", "payments"),
                        Optional.of("latency"),
                        who,
                        IncidentSource.SLASH_COMMAND,
                        "C1"));
    }

    @Test
    void aNewIncidentBuiltPartByPartIsTheSameRecord() {
        NewIncident built = NewIncident.builder()
                .title("Disk full on db-1")
                .runbook("disk-full", "v1")
                .service("db")
                .severity(Severity.P2)
                .environment("production")
                .source(IncidentSource.ALERTMANAGER)
                .dedupKey(Optional.of("fp-1"))
                .triggeredBy("alertmanager")
                .escalateAfter(Duration.ofMinutes(15))
                .build();

        assertEquals(
                new NewIncident(
                        "Disk full on db-1",
                        "disk-full",
                        "v1",
                        "db",
                        Severity.P2,
                        "production",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("fp-1"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.of(Duration.ofMinutes(15))),
                built);
    }

    @Test
    void aNewIncidentWithoutAServiceSaysSo() {
        NullPointerException missing = assertThrows(NullPointerException.class, () -> NewIncident.builder()
                .title("t")
                .runbook("r", "v1")
                .severity(Severity.P2)
                .environment("production")
                .source(IncidentSource.ALERTMANAGER)
                .triggeredBy("alertmanager")
                .build());
        assertEquals("service", missing.getMessage());
    }
}
