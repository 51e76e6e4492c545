package dev.runbookbot.incident.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.testing.InMemoryAlertLedger;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.RecordedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts become incidents through the real incident service: firing, repeats, resolution, re-firing, PagerDuty's
 * updates and alerts no runbook handles, over the in-memory store and a recording chat.
 */
class AlertRouterTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T07:08:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed =
            new IncidentTestBed(store, clock, IncidentTestBed.PAYMENTS, IncidentTestBed.NEEDS_NAMESPACE);
    private final List<Incident> opened = new ArrayList<>();
    private final AlertRouter router = new AlertRouter(
            bed.catalog(),
            bed.service(),
            store,
            store,
            new InMemoryAlertLedger(),
            bed.chat(),
            new AlertRouting("env", Optional.of("#alerts-unrouted")),
            opened::add);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aFiringAlertOpensOneIncidentWithItsLabelsInTheRunbooksChannel() throws InvalidPayloadException {
        AlertEvent firing = fixture("debian-0.25-captured-firing.json");

        String outcome = router.route(firing);

        Incident incident = store.incidents(false, 10).get(0);
        assertEquals("opened INC-1 (runbook payments-slow)", outcome);
        assertEquals(List.of(incident), opened);
        assertEquals("payments DB connections at 75% of max_connections", incident.title());
        assertEquals(IncidentSource.ALERTMANAGER, incident.source());
        assertEquals(Optional.of("9c6fb5aaaa4f2c60"), incident.dedupKey());
        assertEquals("production", incident.environment(), "no env label: the bot's default environment");
        assertEquals("alertmanager", incident.triggeredBy());
        assertEquals(
                Optional.of(Instant.parse("2026-11-23T07:28:00Z")),
                incident.escalationDeadline(),
                "escalateAfterMinutes 20 from the moment it opened");
        assertEquals("openThread #inc-payments INC-1", bed.chat().calls().get(0));
        assertTrue(store.incident(incident.id()).orElseThrow().isOpen());
    }

    @Test
    void theEnvironmentComesFromTheConfiguredLabelAndLabelsFillParameters() {
        AlertEvent firing = alert("PaymentsSlow", "fp-env", Map.of("env", "staging", "instance", "pay-7"), "firing");

        router.route(firing);

        Incident incident = store.incidents(false, 10).get(0);
        assertEquals("staging", incident.environment());
        assertEquals("PaymentsSlow", incident.title(), "no summary annotation: the alert name");
        assertTrue(
                bed.timeline(incident.id(), TimelineKind.DIAGNOSTIC).get(0).startsWith("Latency: critical"),
                bed.timeline(incident.id(), TimelineKind.DIAGNOSTIC).toString());
    }

    @Test
    void aRepeatWhileOpenOpensNothingAndIsRecordedOnTheTimeline() throws InvalidPayloadException {
        AlertEvent firing = fixture("debian-0.25-captured-firing.json");
        router.route(firing);
        int chatCalls = bed.chat().calls().size();

        String outcome = router.route(firing);

        assertEquals("repeat of INC-1", outcome);
        assertEquals(1, store.incidents(false, 10).size());
        assertEquals(1, opened.size());
        assertEquals(
                List.of(
                        "alert repeated: alert PaymentsDbConnectionsHigh (fingerprint 9c6fb5aaaa4f2c60) is still firing"),
                bed.timeline(new IncidentId(1), TimelineKind.ALERT));
        assertEquals(chatCalls, bed.chat().calls().size(), "a repeat is not worth a message");
    }

    @Test
    void aResolutionPostsInTheThreadAndResolvesTheIncidentOnce() throws InvalidPayloadException {
        router.route(fixture("debian-0.25-captured-firing.json"));
        AlertEvent resolved = fixture("debian-0.25-captured-resolved.json");

        assertEquals("resolved INC-1", router.route(resolved));
        assertEquals(
                "resolved; no open incident for alert PaymentsDbConnectionsHigh (fingerprint 9c6fb5aaaa4f2c60)",
                router.route(resolved));

        Incident incident = store.incident(new IncidentId(1)).orElseThrow();
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertEquals(Optional.empty(), incident.escalationDeadline(), "a resolved incident never escalates");
        List<String> notes = bed.chat().calls().stream()
                .filter(c -> c.startsWith("note INC-1 Resolved"))
                .toList();
        assertEquals(List.of("note INC-1 Resolved by Alertmanager at 2026-11-23T07:07:44.830Z."), notes);
        assertTrue(
                bed.chat().calls().contains("showIncident INC-1 RESOLVED"),
                bed.chat().calls().toString());
    }

    @Test
    void aResolutionOfAnAlertThatOpenedNothingChangesNothing() throws InvalidPayloadException {
        String outcome = router.route(fixture("debian-0.25-captured-resolved.json"));

        assertTrue(outcome.startsWith("resolved; no open incident for alert PaymentsDbConnectionsHigh"), outcome);
        assertEquals(List.of(), store.incidents(false, 10));
        assertEquals(List.of(), bed.chat().calls());
    }

    @Test
    void aFiringAfterTheResolutionOpensANewIncidentLinkedToTheOldOne() throws InvalidPayloadException {
        router.route(fixture("debian-0.25-captured-firing.json"));
        router.route(fixture("debian-0.25-captured-resolved.json"));
        clock.advance(Duration.ofHours(1));

        String outcome = router.route(fixture("debian-0.25-captured-firing.json"));

        assertEquals("opened INC-2 (runbook payments-slow)", outcome);
        Incident second = store.incident(new IncidentId(2)).orElseThrow();
        assertEquals(Optional.of(new IncidentId(1)), second.previousIncident());
        assertTrue(second.isOpen());
        assertEquals(2, opened.size());
    }

    @Test
    void anAlertWithoutARunbookIsRecordedAndPostedToTheFallbackChannelOnce() {
        AlertEvent unknown = alert("DiskFull", "fp-disk", Map.of("instance", "db-1"), "firing");

        String first = router.route(unknown);
        String again = router.route(unknown);

        assertEquals("no runbook handles alert DiskFull (fingerprint fp-disk); posted to #alerts-unrouted", first);
        assertEquals(
                "no runbook handles alert DiskFull (fingerprint fp-disk) (told before: posted to #alerts-unrouted)",
                again);
        List<String> posts =
                bed.chat().calls().stream().filter(c -> c.startsWith("post ")).toList();
        assertEquals(1, posts.size(), posts.toString());
        assertEquals(
                "post #alerts-unrouted Alert without a runbook: no runbook handles alert DiskFull (fingerprint"
                        + " fp-disk). It was recorded; no incident was opened.\nLabels: alertname=DiskFull,"
                        + " instance=db-1\nTo handle it, give a runbook a trigger {type: alert, alertName: DiskFull}.",
                posts.get(0));
        assertEquals(List.of(), store.incidents(false, 10));
        // Recording a stored key again changes nothing and answers with the stored delivery: a lookup.
        InboundDelivery marker =
                store.recordDelivery("unmatched:alertmanager:fp-disk", "x", "").value();
        assertEquals(AlertRouter.UNMATCHED_SOURCE, marker.source());
        assertEquals(Optional.of("posted to #alerts-unrouted"), marker.outcome());
    }

    @Test
    void anUnmatchedAlertWhosePostWasInterruptedIsPostedOnTheNextAttempt() {
        store.recordDelivery("unmatched:alertmanager:fp-disk", AlertRouter.UNMATCHED_SOURCE, "{}");

        router.route(alert("DiskFull", "fp-disk", Map.of(), "firing"));

        assertEquals(
                1,
                bed.chat().calls().stream().filter(c -> c.startsWith("post ")).count(),
                "recorded but never marked posted: the process died in between");
    }

    @Test
    void withoutAFallbackChannelAnUnmatchedAlertIsOnlyRecorded() {
        AlertRouter quiet = new AlertRouter(
                bed.catalog(),
                bed.service(),
                store,
                store,
                new InMemoryAlertLedger(),
                bed.chat(),
                AlertRouting.defaults(),
                opened::add);

        String outcome = quiet.route(alert("DiskFull", "fp-disk", Map.of(), "firing"));

        assertEquals(
                "no runbook handles alert DiskFull (fingerprint fp-disk); recorded (no fallback channel is configured)",
                outcome);
        assertEquals(List.of(), bed.chat().calls());
    }

    @Test
    void aRunbookThatCannotStartIsReportedLikeAnUnmatchedAlert() {
        String outcome = router.route(alert("NeedsNamespace", "fp-ns", Map.of(), "firing"));

        assertEquals(
                "runbook needs-namespace cannot start for alert NeedsNamespace (fingerprint fp-ns): parameter"
                        + " 'namespace' is required (give it, or send an alert with label 'namespace'); posted to"
                        + " #alerts-unrouted",
                outcome);
        assertEquals(List.of(), store.incidents(false, 10));
    }

    @Test
    void truncationWarningsGoOnTheNewIncidentsTimelineAndThread() {
        AlertEvent firing = new AlertEvent(
                AlertSource.ALERTMANAGER,
                AlertStatus.FIRING,
                "firing",
                "PaymentsSlow",
                "fp-cut",
                Map.of("alertname", "PaymentsSlow"),
                Map.of(),
                clock.instant(),
                Optional.empty(),
                clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "alertmanager:d1",
                List.of("Alertmanager left 2 alert(s) of group g out of this notification"),
                "{}",
                Optional.empty());

        router.route(firing);

        assertEquals(
                List.of("Alertmanager left 2 alert(s) of group g out of this notification"),
                bed.timeline(new IncidentId(1), TimelineKind.ALERT));
        assertTrue(bed.chat()
                .calls()
                .contains("note INC-1 Alertmanager left 2 alert(s) of group g out of this notification"));
    }

    @Test
    void aPagerDutyIncidentRunsTheRunbookMappedToItsService() {
        String outcome = router.route(pagerDuty("incident.triggered", AlertStatus.FIRING, "Q1"));

        Incident incident = store.incidents(false, 10).get(0);
        assertEquals("opened INC-1 (runbook payments-slow)", outcome);
        assertEquals(IncidentSource.PAGERDUTY, incident.source());
        assertEquals(Optional.of("Q1"), incident.dedupKey());
        assertEquals("Checkout latency above SLO", incident.title());
    }

    @Test
    void pagerDutyAcknowledgementIsPostedRecordedAndStopsTheEscalation() {
        router.route(pagerDuty("incident.triggered", AlertStatus.FIRING, "Q1"));

        String outcome = router.route(pagerDuty("incident.acknowledged", AlertStatus.ACKNOWLEDGED, "Q1"));

        assertEquals("acknowledged INC-1", outcome);
        Incident incident = store.incident(new IncidentId(1)).orElseThrow();
        assertEquals("pagerduty", incident.acknowledgement().orElseThrow().by());
        assertEquals(Optional.empty(), incident.escalationDeadline());
        assertTrue(
                bed.chat().calls().contains("note INC-1 Acknowledged in PagerDuty by Ada at 2026-11-23T07:08:00Z."),
                bed.chat().calls().toString());
        assertEquals(
                List.of("Acknowledged in PagerDuty by Ada at 2026-11-23T07:08:00Z."),
                bed.timeline(incident.id(), TimelineKind.ALERT));
    }

    @Test
    void pagerDutyReassignmentIsPostedAndOtherUpdatesAreOnlyRecorded() {
        router.route(pagerDuty("incident.triggered", AlertStatus.FIRING, "Q1"));
        int before = bed.chat().calls().size();

        router.route(pagerDuty("incident.reassigned", AlertStatus.REASSIGNED, "Q1"));
        router.route(pagerDuty("incident.priority_updated", AlertStatus.OTHER, "Q1"));

        assertEquals(
                List.of(
                        "Reassigned in PagerDuty to Grace by Ada at 2026-11-23T07:08:00Z.",
                        "PagerDuty incident.priority_updated by Ada at 2026-11-23T07:08:00Z."),
                bed.timeline(new IncidentId(1), TimelineKind.ALERT));
        assertEquals(
                List.of("note INC-1 Reassigned in PagerDuty to Grace by Ada at 2026-11-23T07:08:00Z."),
                bed.chat().calls().subList(before, bed.chat().calls().size()));
    }

    @Test
    void pagerDutyResolutionResolvesThePagerDutyIncidentAndNoOtherSourceDoes() {
        router.route(pagerDuty("incident.triggered", AlertStatus.FIRING, "Q1"));

        String fromAlertmanager = router.route(alert("PaymentsSlow", "Q1", Map.of(), "resolved"));
        assertTrue(store.incident(new IncidentId(1)).orElseThrow().isOpen(), fromAlertmanager);

        String outcome = router.route(pagerDuty("incident.resolved", AlertStatus.RESOLVED, "Q1"));

        assertEquals("resolved INC-1", outcome);
        assertEquals(
                IncidentState.RESOLVED,
                store.incident(new IncidentId(1)).orElseThrow().state());
        assertTrue(
                bed.chat().calls().contains("note INC-1 Resolved in PagerDuty at 2026-11-23T07:08:00Z by Ada."),
                bed.chat().calls().toString());
    }

    @Test
    void updatesForAPagerDutyIncidentTheBotNeverOpenedChangeNothing() {
        assertEquals(
                "acknowledged in PagerDuty; no open incident for PagerDuty incident Q9 on service pig208",
                router.route(pagerDuty("incident.acknowledged", AlertStatus.ACKNOWLEDGED, "Q9")));
        assertEquals(List.of(), bed.chat().calls());
    }

    @Test
    void theTemplateContextOfTheRunIsTheAlertsLabelsAndAnnotations() {
        router.route(alert("PaymentsSlow", "fp-ctx", Map.of("instance", "pay-3"), "firing"));

        TemplateContext expected = new TemplateContext(
                Map.of("instance", "pay-3"),
                Map.of("alertname", "PaymentsSlow", "instance", "pay-3"),
                Map.of("description", "from the test"));
        assertEquals(Optional.of(expected), bed.inputs().load(new IncidentId(1)));
    }

    private static AlertEvent fixture(String name) throws InvalidPayloadException {
        String body = RecordedFixtures.read(
                RecordedFixtures.root().resolve("alertmanager").resolve(name));
        return new AlertmanagerMapper(new JsonPayloadReader())
                .map(body.getBytes(StandardCharsets.UTF_8))
                .events()
                .get(0);
    }

    private AlertEvent alert(String name, String fingerprint, Map<String, String> extraLabels, String status) {
        Map<String, String> labels = new java.util.TreeMap<>(extraLabels);
        labels.put("alertname", name);
        boolean resolved = status.equals("resolved");
        return new AlertEvent(
                AlertSource.ALERTMANAGER,
                resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                status,
                name,
                fingerprint,
                labels,
                Map.of("description", "from the test"),
                clock.instant(),
                resolved ? Optional.of(clock.instant()) : Optional.empty(),
                clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "alertmanager:" + fingerprint + status,
                List.of(),
                "{}",
                Optional.empty());
    }

    private AlertEvent pagerDuty(String type, AlertStatus status, String incidentId) {
        return new AlertEvent(
                AlertSource.PAGERDUTY,
                status,
                type,
                "Checkout latency above SLO",
                incidentId,
                Map.of("service_id", "PAYMENTS1", "service", "pig208", "urgency", "high"),
                Map.of("title", "Checkout latency above SLO", "agent", "Ada", "assignees", "Grace"),
                clock.instant(),
                status == AlertStatus.RESOLVED ? Optional.of(clock.instant()) : Optional.empty(),
                clock.instant(),
                Optional.of("https://example.pagerduty.com/incidents/" + incidentId),
                Optional.of("PAYMENTS1"),
                Optional.of("pig208"),
                Optional.of("Checkout latency above SLO"),
                "pagerduty:" + type + incidentId,
                List.of(),
                "{}",
                Optional.empty());
    }
}
