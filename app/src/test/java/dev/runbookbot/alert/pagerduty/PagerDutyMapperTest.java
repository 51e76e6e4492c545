package dev.runbookbot.alert.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertSource;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PagerDutyMapperTest {
    private final PagerDutyMapper mapper = new PagerDutyMapper(new JsonPayloadReader());
    private final ObjectMapper json = new ObjectMapper();

    record Expected(AlertStatus status, String eventType, String incidentId, String title) {}

    private static final Map<String, Expected> V3 = Map.of(
            "v3-incident.triggered.zulip.json",
            new Expected(AlertStatus.FIRING, "incident.triggered", "PFQZPSY", "Test Incident 3"),
            "v3-incident.acknowledged.zulip.json",
            new Expected(AlertStatus.ACKNOWLEDGED, "incident.acknowledged", "PQ1K5C8", "Test Incident"),
            "v3-incident.resolved.zulip.json",
            new Expected(AlertStatus.RESOLVED, "incident.resolved", "PCPZE64", "Test Incident"),
            "v3-incident.priority_updated.pagerduty-docs.json",
            new Expected(AlertStatus.OTHER, "incident.priority_updated", "PGR0VU2", "A little bump in the road"),
            "signature-test-vector.body.json",
            new Expected(AlertStatus.OTHER, "incident.priority_updated", "PGR0VU2", "A little bump in the road"));

    /** Files in the directory that are not v3 webhooks, and why. */
    private static final Set<String> NOT_V3 = Set.of("v2-incident.trigger.zulip.json", "signature-test-vector.json");

    @Test
    void everyFixtureIsCovered() {
        Set<String> files = RecordedFixtures.files("pagerduty").stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        Set<String> covered = new java.util.HashSet<>(V3.keySet());
        covered.addAll(NOT_V3);
        assertEquals(covered, files);
    }

    @Test
    void mapsEveryV3Fixture() throws Exception {
        for (Map.Entry<String, Expected> entry : V3.entrySet()) {
            Expected expected = entry.getValue();
            byte[] body = fixture(entry.getKey());
            MappedDelivery delivery = mapper.map(body, Optional.empty());
            AlertEvent event = delivery.events().get(0);
            String eventId = json.readTree(body).path("event").path("id").asText();
            String where = entry.getKey();
            assertEquals(1, delivery.events().size(), where);
            assertEquals(AlertSource.PAGERDUTY, event.source(), where);
            assertEquals(expected.status(), event.status(), where);
            assertEquals(expected.eventType(), event.eventType(), where);
            assertEquals(expected.incidentId(), event.dedupKey(), where);
            assertEquals(Optional.of(expected.title()), event.title(), where);
            assertEquals(expected.title(), event.alertName(), where);
            assertEquals("pagerduty:" + eventId, delivery.deliveryKey(), where);
            assertEquals(delivery.deliveryKey(), event.deliveryId(), where);
            assertEquals(new String(body, StandardCharsets.UTF_8), event.rawJson(), where);
            assertEquals(List.of(), delivery.warnings(), where);
        }
    }

    @Test
    void theIncidentBecomesLabelsAndAnnotations() throws Exception {
        AlertEvent event = map("v3-incident.triggered.zulip.json");
        assertEquals(
                Map.of(
                        "service_id", "PA2P440",
                        "service", "pig208",
                        "urgency", "high",
                        "incident_number", "9",
                        "incident_status", "triggered"),
                event.labels());
        assertEquals(
                Map.of(
                        "title", "Test Incident 3",
                        "html_url", "https://pig208.pagerduty.com/incidents/PFQZPSY",
                        "agent", "PIG 208",
                        "assignees", "PIG 208"),
                event.annotations());
        assertEquals(Optional.of("PA2P440"), event.serviceId());
        assertEquals(Optional.of("pig208"), event.serviceName());
        assertEquals(Optional.of("https://pig208.pagerduty.com/incidents/PFQZPSY"), event.generatorUrl());
        Instant occurred = Instant.parse("2021-06-04T13:35:29.781Z");
        assertEquals(occurred, event.occurredAt());
        assertEquals(occurred, event.startsAt(), "no created_at: the start is when it was triggered");
        assertEquals(Optional.empty(), event.endsAt());
    }

    @Test
    void priorityIncidentKeyAndCreationTimeWhenPagerDutySendsThem() throws Exception {
        AlertEvent event = map("v3-incident.priority_updated.pagerduty-docs.json");
        assertEquals("P1", event.labels().get("priority"));
        assertEquals("d3640fbd41094207a1c11e58e46b1662", event.labels().get("incident_key"));
        assertEquals(Instant.parse("2020-04-09T15:16:27Z"), event.startsAt());
        assertEquals("User 123", event.annotations().get("assignees"));
    }

    @Test
    void aResolutionEndsWhenItOccurred() throws Exception {
        AlertEvent event = map("v3-incident.resolved.zulip.json");
        assertEquals(Optional.of(Instant.parse("2021-06-04T13:16:53.816Z")), event.endsAt());
        assertEquals(null, event.annotations().get("assignees"), "no assignees, no annotation");
    }

    @Test
    void theWebhookIdHeaderIsTheDeliveryKey() throws Exception {
        byte[] body = fixture("v3-incident.triggered.zulip.json");
        MappedDelivery delivery = mapper.map(body, Optional.of("  8a1d6420-9b2e-4b8b-a1d2-3f7f0d6a5c10 "));
        assertEquals("pagerduty:8a1d6420-9b2e-4b8b-a1d2-3f7f0d6a5c10", delivery.deliveryKey());
        assertEquals(
                "X-Webhook-Id: not an id (at most 200 printable ASCII characters without spaces)",
                assertThrows(InvalidPayloadException.class, () -> mapper.map(body, Optional.of("two words")))
                        .reason());
        assertEquals(
                "pagerduty:01BZYIL05THJDFF2Y08X9SVMTU",
                mapper.map(body, Optional.of(" ")).deliveryKey());
    }

    @Test
    void statusOfEveryEventTypeWeActOn() {
        assertEquals(AlertStatus.FIRING, PagerDutyMapper.status("incident.triggered"));
        assertEquals(AlertStatus.ACKNOWLEDGED, PagerDutyMapper.status("incident.acknowledged"));
        assertEquals(AlertStatus.RESOLVED, PagerDutyMapper.status("incident.resolved"));
        assertEquals(AlertStatus.REASSIGNED, PagerDutyMapper.status("incident.reassigned"));
        assertEquals(AlertStatus.OTHER, PagerDutyMapper.status("incident.reopened"));
        assertEquals(AlertStatus.OTHER, PagerDutyMapper.status("service.updated"));
    }

    @Test
    void anObjectThatBelongsToAnIncidentIsKeyedByTheIncident() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("v3-incident.triggered.zulip.json"));
        ObjectNode event = (ObjectNode) tree.get("event");
        event.put("event_type", "incident.annotated");
        ObjectNode data = event.putObject("data");
        data.put("id", "P5ZNOTE");
        data.put("type", "incident_note");
        data.put("content", "looking at the database");
        data.putObject("incident").put("id", "PFQZPSY").put("type", "incident_reference");
        AlertEvent mapped = mapper.map(json.writeValueAsBytes(tree), Optional.empty())
                .events()
                .get(0);
        assertEquals("PFQZPSY", mapped.dedupKey());
        assertEquals(AlertStatus.OTHER, mapped.status());
        assertEquals("PagerDuty incident PFQZPSY", mapped.alertName());
    }

    @Test
    void refusesTheLegacyV2FormatSayingSo() throws Exception {
        assertEquals(
                "event: missing; this is a PagerDuty v2 webhook ({\"messages\": [...]}), runbook-bot reads v3 webhook"
                        + " subscriptions only",
                refusal(fixture("v2-incident.trigger.zulip.json")));
    }

    @Test
    void refusesWhatCanNeverBeRead() throws Exception {
        assertEquals("PagerDuty webhook: the body is empty", refusal(new byte[0]));
        assertEquals("event: missing; a PagerDuty v3 webhook has one event object", refusal("{}".getBytes()));
        assertEquals("event.id: missing", refusal(withEvent("id", null)));
        assertEquals("event.event_type: missing", refusal(withEvent("event_type", null)));
        assertEquals("event.occurred_at: missing", refusal(withEvent("occurred_at", null)));
        assertEquals(
                "event.occurred_at: \"last tuesday\" is not an RFC 3339 time",
                refusal(withEvent("occurred_at", "last tuesday")));
        assertEquals("event.data: missing", refusal(withEvent("data", null)));
    }

    private AlertEvent map(String fixture) throws Exception {
        return mapper.map(fixture(fixture), Optional.empty()).events().get(0);
    }

    private String refusal(byte[] body) {
        return assertThrows(InvalidPayloadException.class, () -> mapper.map(body, Optional.empty()))
                .reason();
    }

    private byte[] withEvent(String field, String value) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("v3-incident.triggered.zulip.json"));
        ((ObjectNode) tree.get("event")).put(field, value);
        return json.writeValueAsBytes(tree);
    }

    private static byte[] fixture(String name) throws IOException {
        Path file = RecordedFixtures.root().resolve("pagerduty").resolve(name);
        return Files.readAllBytes(file);
    }
}
