package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.RecordingChatGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reaper's changes reach the incident's thread. */
class RecoveryNoticesTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T10:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final RecordingChatGateway chat = new RecordingChatGateway();

    @Test
    void anUnansweredApprovalExpiresAndTheThreadIsTold() {
        RunbookSpec runbook = runbook();
        Incident incident = store.open(new NewIncident(
                        "API slow",
                        "api-slow",
                        "v1",
                        "api",
                        Severity.P2,
                        "prod",
                        IncidentSource.CLI,
                        Optional.empty(),
                        Optional.of(new ChatLocation("C1", "1.000100")),
                        "U1",
                        Optional.empty(),
                        Optional.empty()))
                .value();
        RemediationRun run = store.propose(new NewRun(
                        incident.id(),
                        "restart_api",
                        1,
                        "restart_service",
                        "restart",
                        "U1",
                        "chosen",
                        1,
                        Optional.of(Duration.ofSeconds(120))))
                .value();
        store.attachMessage(run.id(), new ChatLocation("C1", "2.000100"));
        clock.advance(Duration.ofMinutes(3));

        List<RemediationRun> reaped = store.reap(Set.of("bot-1"));
        new RecoveryNotices(Catalog.of(List.of(runbook)), store, chat).announceReaped(reaped);

        assertEquals(RunState.EXPIRED, store.run(run.id()).orElseThrow().state());
        assertTrue(
                chat.calls()
                        .contains(
                                "note " + incident.id() + " Nobody decided on restart_api (" + run.id()
                                        + ") before its approval deadline, so it expired. Run the runbook again to propose it anew."),
                chat.calls().toString());
        assertTrue(
                chat.calls().contains("showRemediation restart_api (" + run.id() + ") EXPIRED"),
                chat.calls().toString());
    }

    private static RunbookSpec runbook() {
        SourceLocation here = SourceLocation.unknown(Path.of("api.yaml"));
        RemediationSpec restart = RemediationSpec.of("restart_api", "Restart API", RemediationType.MANUAL, here)
                .instructions(Optional.of("restart it"))
                .safety(new SafetySpec(true, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .build();
        return new RunbookSpec(
                "api-slow",
                "API slow",
                "",
                Severity.P2,
                "api",
                List.of(),
                List.of(),
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(restart),
                new EscalationSpec("#inc", Optional.empty(), 30),
                ApprovalSpec.defaults(),
                "v1",
                Path.of("api.yaml"));
    }
}
