package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentLifecycleTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration ESCALATE_AFTER = Duration.ofMinutes(30);

    private static Incident opened() {
        NewIncident request = new NewIncident(
                "payments 5xx above 5%",
                "payments-slow",
                "3f2a9c1",
                "payments",
                Severity.P1,
                "prod",
                IncidentSource.ALERTMANAGER,
                Optional.of("fp-1"),
                Optional.empty(),
                "alertmanager",
                Optional.empty(),
                Optional.of(ESCALATE_AFTER));
        return IncidentLifecycle.open(new IncidentId(3), request, Optional.of(new IncidentId(1)), T0)
                .after();
    }

    private static Incident in(IncidentState state) {
        Incident incident = opened();
        if (state == IncidentState.OPEN) {
            return incident;
        }
        return IncidentLifecycle.moveTo(incident, state, "runbook-bot", "test", T0.plusSeconds(1))
                .appliedValue()
                .orElseThrow()
                .after();
    }

    private static <T> TransitionResult.Refused<T> refused(TransitionResult<T> result) {
        return (TransitionResult.Refused<T>) result;
    }

    @Test
    void openingStartsOpenWithAnAbsoluteEscalationDeadlineAndRecordsIt() {
        IncidentChange change = IncidentLifecycle.open(
                new IncidentId(3),
                new NewIncident(
                        "payments 5xx above 5%",
                        "payments-slow",
                        "3f2a9c1",
                        "payments",
                        Severity.P1,
                        "prod",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("fp-1"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.of(ESCALATE_AFTER)),
                Optional.of(new IncidentId(1)),
                T0);
        Incident incident = change.after();
        assertEquals(IncidentState.OPEN, incident.state());
        assertEquals(Optional.of(T0.plus(ESCALATE_AFTER)), incident.escalationDeadline());
        assertEquals(Optional.of(new IncidentId(1)), incident.previousIncident());
        assertEquals(TimelineKind.STATE, change.event().kind());
        assertEquals(
                "alertmanager opened INC-3 (alertmanager): payments 5xx above 5%",
                change.event().summary());
        assertTrue(
                change.event().detail().contains("\"previous\":\"INC-1\""),
                change.event().detail());
    }

    /** Every open state can move to every other state; only DIAGNOSING returns to OPEN; RESOLVED is final. */
    @ParameterizedTest
    @EnumSource(IncidentState.class)
    void everyStateAgainstEveryTarget(IncidentState from) {
        for (IncidentState to : IncidentState.values()) {
            TransitionResult<IncidentChange> result =
                    IncidentLifecycle.moveTo(in(from), to, "U1", "because", T0.plusSeconds(5));
            String what = from + " -> " + to;
            if (from == to) {
                assertEquals(RefusalKind.ALREADY_DONE, refused(result).kind(), what);
            } else if (from == IncidentState.RESOLVED
                    || (to == IncidentState.OPEN && from != IncidentState.DIAGNOSING)) {
                assertEquals(RefusalKind.NOT_ALLOWED, refused(result).kind(), what);
            } else {
                IncidentChange change = result.appliedValue().orElseThrow(() -> new AssertionError(what));
                assertEquals(to, change.after().state(), what);
                assertEquals(T0.plusSeconds(5), change.after().updatedAt());
                assertEquals("U1", change.event().actor());
            }
        }
    }

    @Test
    void refusalsNameTheReason() {
        assertEquals(
                "INC-3 is already diagnosing",
                refused(IncidentLifecycle.moveTo(in(IncidentState.DIAGNOSING), IncidentState.DIAGNOSING, "U1", "x", T0))
                        .reason());
        assertEquals(
                "INC-3 was resolved at 2024-05-01T10:00:01Z; a resolved incident stays resolved (a new alert opens a"
                        + " new incident)",
                refused(IncidentLifecycle.moveTo(in(IncidentState.RESOLVED), IncidentState.DIAGNOSING, "U1", "x", T0))
                        .reason());
        assertEquals(
                "INC-3 is awaiting approval; only a diagnosis that proposed nothing returns to open",
                refused(IncidentLifecycle.moveTo(
                                in(IncidentState.AWAITING_APPROVAL), IncidentState.OPEN, "U1", "x", T0))
                        .reason());
    }

    @Test
    void resolvingClearsTheEscalationDeadline() {
        assertEquals(Optional.empty(), in(IncidentState.RESOLVED).escalationDeadline());
        assertEquals(
                Optional.of(T0.plus(ESCALATE_AFTER)),
                in(IncidentState.DIAGNOSING).escalationDeadline());
    }

    @Test
    void acknowledgingOnceStopsTheTimerAndTheSecondIsAlreadyDone() {
        IncidentChange ack = IncidentLifecycle.acknowledge(opened(), "U1", T0.plusSeconds(30))
                .appliedValue()
                .orElseThrow();
        assertEquals(
                Optional.of(new Acknowledgement("U1", T0.plusSeconds(30))),
                ack.after().acknowledgement());
        assertEquals(Optional.empty(), ack.after().escalationDeadline());
        assertEquals(TimelineKind.ACKNOWLEDGEMENT, ack.event().kind());
        assertEquals(
                "U1 acknowledged INC-3; escalation due at 2024-05-01T10:30:00Z cancelled",
                ack.event().summary());

        TransitionResult.Refused<IncidentChange> again =
                refused(IncidentLifecycle.acknowledge(ack.after(), "U2", T0.plusSeconds(31)));
        assertEquals(RefusalKind.ALREADY_DONE, again.kind());
        assertEquals("INC-3 was already acknowledged by U1 at 2024-05-01T10:00:30Z", again.reason());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(IncidentLifecycle.acknowledge(in(IncidentState.RESOLVED), "U2", T0))
                        .kind());
    }

    @Test
    void escalationFiresOnlyWhenDueAndOnlyOnce() {
        Incident incident = opened();
        Instant deadline = T0.plus(ESCALATE_AFTER);
        TransitionResult.Refused<IncidentChange> early = refused(
                IncidentLifecycle.escalate(incident, "runbook-bot", "nobody acknowledged", deadline.minusMillis(1)));
        assertEquals(RefusalKind.NOT_DUE, early.kind());
        assertEquals("INC-3 escalates at 2024-05-01T10:30:00Z, not before", early.reason());

        IncidentChange escalated = IncidentLifecycle.escalate(incident, "runbook-bot", "nobody acknowledged", deadline)
                .appliedValue()
                .orElseThrow();
        assertEquals(IncidentState.ESCALATED, escalated.after().state());
        assertEquals(Optional.empty(), escalated.after().escalationDeadline());
        assertEquals(TimelineKind.ESCALATION, escalated.event().kind());

        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(IncidentLifecycle.escalate(escalated.after(), "runbook-bot", "again", deadline))
                        .kind());
    }

    @Test
    void anAcknowledgedOrResolvedIncidentDoesNotEscalate() {
        Instant late = T0.plus(ESCALATE_AFTER).plusSeconds(1);
        Incident acknowledged = IncidentLifecycle.acknowledge(opened(), "U1", T0)
                .appliedValue()
                .orElseThrow()
                .after();
        assertEquals(
                "INC-3 was acknowledged by U1 at 2024-05-01T10:00:00Z; no escalation",
                refused(IncidentLifecycle.escalate(acknowledged, "runbook-bot", "x", late))
                        .reason());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(IncidentLifecycle.escalate(in(IncidentState.RESOLVED), "runbook-bot", "x", late))
                        .kind());
    }

    @Test
    void theThreadIsSetOnce() {
        ChatLocation thread = new ChatLocation("C0INCIDENTS", "1714557600.000100");
        IncidentChange attached = IncidentLifecycle.attachThread(opened(), thread, T0)
                .appliedValue()
                .orElseThrow();
        assertEquals(Optional.of(thread), attached.after().thread());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(IncidentLifecycle.attachThread(attached.after(), thread, T0))
                        .kind());
        TransitionResult.Refused<IncidentChange> moved = refused(
                IncidentLifecycle.attachThread(attached.after(), new ChatLocation("C0OTHER", "1714557600.000200"), T0));
        assertEquals(RefusalKind.NOT_ALLOWED, moved.kind());
        assertEquals(
                "INC-3 already has its thread at C0INCIDENTS/1714557600.000100; not moving it to"
                        + " C0OTHER/1714557600.000200",
                moved.reason());
    }

    @Test
    void idsParseWhatPeopleType() {
        assertEquals(new IncidentId(42), IncidentId.parse("INC-42"));
        assertEquals(new IncidentId(42), IncidentId.parse(" inc-42 "));
        assertEquals(new IncidentId(42), IncidentId.parse("42"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> IncidentId.parse("INC-x"));
        assertEquals("'INC-x' is not an incident id: expected a number such as INC-42 or 42", bad.getMessage());
        assertEquals(new RunId(7), RunId.parse(new RunId(7).toString()));
        assertThrows(IllegalArgumentException.class, () -> RunId.parse("0"));
    }

    /** A detail of the shape the escaping test needs: a text and a number. */
    private record HostileDetail(String summary, int n) implements TimelineDetail {}

    @Test
    void detailJsonEscapesHostileText() {
        String json = TimelineDetails.write(new HostileDetail("a \"quoted\" \\ line\nwith\u0001control", 3));
        assertEquals(
                "{\"type\":\"hostile\",\"summary\":\"a \\\"quoted\\\" \\\\ line\\nwith\\u0001control\",\"n\":3}", json);
    }
}
