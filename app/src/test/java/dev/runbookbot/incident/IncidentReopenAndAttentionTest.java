package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules a person's reopen and a finished remediation apply to an incident. */
class IncidentReopenAndAttentionTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Incident opened(IncidentId id) {
        NewIncident request = new NewIncident(
                "payments 5xx above 5%",
                "payments-slow",
                "3f2a9c1",
                "payments",
                Severity.P2,
                "prod",
                IncidentSource.ALERTMANAGER,
                Optional.of("fp-1"),
                Optional.empty(),
                "alertmanager",
                Optional.empty(),
                Optional.of(Duration.ofMinutes(30)));
        return IncidentLifecycle.open(id, request, Optional.empty(), T0).after();
    }

    private static Incident in(IncidentState state) {
        return IncidentLifecycle.moveTo(opened(new IncidentId(3)), state, "runbook-bot", "test", T0.plusSeconds(1))
                .appliedValue()
                .orElseThrow()
                .after();
    }

    private static String refusal(TransitionResult<IncidentChange> result) {
        return ((TransitionResult.Refused<IncidentChange>) result).reason();
    }

    @Test
    void aResolvedIncidentReopensUnlessAnotherHoldsItsAlert() {
        Incident resolved = in(IncidentState.RESOLVED);

        IncidentChange change = IncidentLifecycle.reopen(
                        resolved, Optional.empty(), "U1", "not fixed", T0.plusSeconds(9))
                .appliedValue()
                .orElseThrow();
        assertEquals(IncidentState.OPEN, change.after().state());
        assertEquals(Optional.empty(), change.after().escalationDeadline(), "a person is looking: no timer");
        assertEquals("U1 reopened INC-3: not fixed", change.event().summary());

        assertEquals(
                "INC-4 is open for the same alert; carry on there instead of reopening INC-3",
                refusal(IncidentLifecycle.reopen(
                        resolved, Optional.of(opened(new IncidentId(4))), "U1", "x", T0.plusSeconds(9))));
        assertEquals(
                "INC-3 is open (awaiting approval)",
                refusal(IncidentLifecycle.reopen(
                        in(IncidentState.AWAITING_APPROVAL), Optional.empty(), "U1", "x", T0.plusSeconds(9))));
    }

    @Test
    void aRemediationThatDidNotHelpNeedsAPersonAndRearmsTheTimer() {
        Incident remediating = in(IncidentState.REMEDIATING);
        Instant at = T0.plusSeconds(600);

        Incident attention = IncidentLifecycle.afterRemediation(
                        remediating, false, Duration.ofMinutes(15), "not recovered after restart", at)
                .appliedValue()
                .orElseThrow()
                .after();
        assertEquals(IncidentState.NEEDS_ATTENTION, attention.state());
        assertEquals(Optional.of(at.plus(Duration.ofMinutes(15))), attention.escalationDeadline());
        assertTrue(attention.isOpen());

        Incident recovered = IncidentLifecycle.afterRemediation(
                        remediating, true, Duration.ofMinutes(15), "recovered after restart", at)
                .appliedValue()
                .orElseThrow()
                .after();
        assertEquals(IncidentState.OPEN, recovered.state());

        Incident taken = IncidentLifecycle.acknowledge(remediating, "U2", at)
                .appliedValue()
                .orElseThrow()
                .after();
        assertEquals(
                Optional.empty(),
                IncidentLifecycle.afterRemediation(taken, false, Duration.ofMinutes(15), "failed", at)
                        .appliedValue()
                        .orElseThrow()
                        .after()
                        .escalationDeadline(),
                "someone took it: no new timer");

        assertEquals(
                "INC-3 is escalated; only a remediating incident moves on by itself",
                refusal(IncidentLifecycle.afterRemediation(
                        in(IncidentState.ESCALATED), false, Duration.ofMinutes(15), "late", at)));
    }

    @Test
    void aClickActsOnlyOnWhatItsOwnMessageShowsATypedCommandIsBoundToNoMessage() {
        Optional<ChatLocation> parent = Optional.of(new ChatLocation("C1", "1.1"));
        assertEquals(
                Optional.empty(),
                ClickOrigin.clicked(new ChatLocation("C1", "1.1")).refusal(parent, "INC-3"));
        assertEquals(Optional.empty(), ClickOrigin.typed().refusal(parent, "INC-3"));
        assertEquals(
                MessageBinding.refusal(new ChatLocation("C1", "2.2"), parent, "INC-3"),
                ClickOrigin.clicked(new ChatLocation("C1", "2.2")).refusal(parent, "INC-3"));
        assertTrue(ClickOrigin.clicked(new ChatLocation("C2", "1.1"))
                .refusal(parent, "INC-3")
                .isPresent());
    }
}
