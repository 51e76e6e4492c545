package dev.runbookbot.alert.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerMapperTest {
    private final AlertmanagerMapper mapper = new AlertmanagerMapper(new JsonPayloadReader());
    private final ObjectMapper json = new ObjectMapper();

    /** What each fixture must map to: per alert its status and dedup key, the alert name, warnings on truncation. */
    record Expected(String alertName, List<AlertStatus> statuses, List<String> dedupKeys, int truncated) {}

    private static final String FIRE = AlertFingerprint.of(Map.of("alertname", "Fire", "severity", "critical"));

    private static final Map<String, Expected> EXPECTED = Map.of(
            "alertmanager-bot-firing.json", new Expected("Fire", List.of(AlertStatus.FIRING), List.of(FIRE), 0),
            "alertmanager-bot-resolved.json", new Expected("Fire", List.of(AlertStatus.RESOLVED), List.of(FIRE), 0),
            "alertmonitor-firing-3-alerts.json",
                    new Expected(
                            "ICMP ping failed",
                            List.of(AlertStatus.FIRING, AlertStatus.FIRING, AlertStatus.FIRING),
                            List.of(icmp("172.29.254.30"), icmp("172.29.254.50"), icmp("172.29.254.66")),
                            0),
            "captured-am025-max_alerts1-firing-truncated2.json",
                    new Expected("PaymentsSlow", List.of(AlertStatus.FIRING), List.of("9742d665fd245a31"), 2),
            "captured-am025-max_alerts1-resolved-truncated2.json",
                    new Expected("PaymentsSlow", List.of(AlertStatus.RESOLVED), List.of("9742d665fd245a31"), 2),
            "debian-0.25-captured-firing.json",
                    new Expected(
                            "PaymentsDbConnectionsHigh", List.of(AlertStatus.FIRING), List.of("9c6fb5aaaa4f2c60"), 0),
            "debian-0.25-captured-resolved.json",
                    new Expected(
                            "PaymentsDbConnectionsHigh", List.of(AlertStatus.RESOLVED), List.of("9c6fb5aaaa4f2c60"), 0),
            "grafana-oncall-example-firing-2-alerts.json",
                    new Expected(
                            "InstanceDown",
                            List.of(AlertStatus.FIRING, AlertStatus.FIRING),
                            List.of("f404ecabc8dd5cd7", "f8f08d4e32c61a9d"),
                            0),
            "k8s-deployment-resolved.json",
                    new Expected("Deployment", List.of(AlertStatus.RESOLVED), List.of("fbab788ec4c1018b"), 0));

    private static String icmp(String instance) {
        return AlertFingerprint.of(Map.of(
                "alertname", "ICMP ping failed",
                "instance", instance,
                "job", "blackbox-icmp",
                "monitor", "monis",
                "severity", "major",
                "tags", "icmp, ping failed",
                "summary", "No physical connection to " + instance));
    }

    static Stream<Path> fixtures() {
        return RecordedFixtures.files("alertmanager").stream();
    }

    @Test
    void everyFixtureHasAnExpectation() {
        Set<String> files = fixtures().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        assertEquals(EXPECTED.keySet(), files);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void mapsEveryFixture(Path file) throws Exception {
        Expected expected = EXPECTED.get(file.getFileName().toString());
        byte[] body = Files.readAllBytes(file);
        JsonNode tree = json.readTree(body);

        MappedDelivery delivery = mapper.map(body);

        assertEquals(
                expected.statuses(),
                delivery.events().stream().map(AlertEvent::status).toList());
        assertEquals(
                expected.dedupKeys(),
                delivery.events().stream().map(AlertEvent::dedupKey).toList());
        assertTrue(delivery.deliveryKey().matches("alertmanager:[0-9a-f]{64}"), delivery.deliveryKey());
        assertEquals(expected.truncated() > 0 ? 1 : 0, delivery.warnings().size());
        for (int i = 0; i < delivery.events().size(); i++) {
            AlertEvent event = delivery.events().get(i);
            JsonNode alert = tree.path("alerts").get(i);
            assertEquals(AlertSource.ALERTMANAGER, event.source());
            assertEquals(alert.path("status").asText(), event.eventType());
            assertEquals(expected.alertName(), event.alertName());
            assertEquals(alert.path("labels").size(), event.labels().size());
            assertEquals(alert.path("annotations").size(), event.annotations().size());
            assertEquals(Instant.parse(normalise(alert.path("startsAt").asText())), event.startsAt());
            assertEquals(json.readTree(event.rawJson()), alert, "the alert's raw JSON is kept as received");
            assertEquals(delivery.warnings(), event.warnings());
            assertEquals(
                    Optional.ofNullable(
                            alert.path("annotations").path("summary").textValue()),
                    event.title());
            String generator = alert.path("generatorURL").asText("");
            assertEquals(generator.isEmpty() ? Optional.empty() : Optional.of(generator), event.generatorUrl());
            Instant expectedOccurred =
                    event.status() == AlertStatus.RESOLVED ? event.endsAt().orElseThrow() : event.startsAt();
            assertEquals(expectedOccurred, event.occurredAt());
            assertTrue(event.deliveryId().matches("alertmanager:[0-9a-f]{64}"), event.deliveryId());
        }
        assertEquals(
                delivery.events().size(),
                delivery.events().stream()
                        .map(AlertEvent::deliveryId)
                        .distinct()
                        .count(),
                "each alert of a group has its own delivery id");
    }

    private static String normalise(String rfc3339) {
        return java.time.OffsetDateTime.parse(rfc3339).toInstant().toString();
    }

    @Test
    void readsOldAlertmanagerTimesWithOffsetsAndNanoseconds() throws Exception {
        AlertEvent event = map("alertmanager-bot-firing.json").events().get(0);
        assertEquals(Instant.parse("2018-11-04T21:43:58.283995108Z"), event.startsAt());
        // Older versions send a firing alert's expected end; newer send Go's zero time, which is "not set".
        assertEquals(Optional.of(Instant.parse("2018-11-04T21:46:58.283995108Z")), event.endsAt());
        assertEquals(
                Optional.empty(),
                map("debian-0.25-captured-firing.json").events().get(0).endsAt());
    }

    @Test
    void truncatedGroupsSayWhatIsLost() throws Exception {
        MappedDelivery delivery = map("captured-am025-max_alerts1-firing-truncated2.json");
        assertEquals(
                List.of("Alertmanager left 2 alert(s) of group {}:{alertname=\"PaymentsSlow\"} out of this notification"
                        + " (max_alerts on receiver \"sink\"): the bot cannot see them, and opens nothing for them"
                        + " until a notification carries them"),
                delivery.warnings());
        assertEquals(delivery.warnings(), delivery.events().get(0).warnings());
    }

    @Test
    void labelsAndAnnotationsBecomeTheTemplateContext() throws Exception {
        AlertEvent event = map("debian-0.25-captured-firing.json").events().get(0);
        assertEquals("payment-service", event.labels().get("service"));
        assertEquals("payments", event.labels().get("datname"));
        assertEquals(Optional.of("payments DB connections at 75% of max_connections"), event.title());
        assertEquals(
                List.of("alertname", "datname", "instance", "job", "service", "severity", "team"),
                List.copyOf(event.labels().keySet()),
                "labels are sorted by name");
    }

    @Test
    void aRetryIsTheSameDeliveryAndAResolutionIsANewOne() throws Exception {
        MappedDelivery firing = map("debian-0.25-captured-firing.json");
        MappedDelivery again = map("debian-0.25-captured-firing.json");
        MappedDelivery resolved = map("debian-0.25-captured-resolved.json");
        assertEquals(firing.deliveryKey(), again.deliveryKey());
        assertEquals(firing.events().get(0).deliveryId(), again.events().get(0).deliveryId());
        assertNotEquals(firing.deliveryKey(), resolved.deliveryKey());
        assertNotEquals(
                firing.events().get(0).deliveryId(), resolved.events().get(0).deliveryId());
        assertEquals(firing.events().get(0).dedupKey(), resolved.events().get(0).dedupKey());
    }

    @Test
    void aRepeatWhoseFiringEndsAtMovedIsStillTheSameDelivery() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("alertmanager-bot-firing.json"));
        ((ObjectNode) tree.path("alerts").get(0)).put("endsAt", "2018-11-04T22:52:58.283995108+01:00");
        assertEquals(
                map("alertmanager-bot-firing.json").deliveryKey(),
                mapper.map(json.writeValueAsBytes(tree)).deliveryKey());
    }

    @Test
    void aNewStartIsANewDeliveryOfTheSameAlert() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        ((ObjectNode) tree.path("alerts").get(0)).put("startsAt", "2026-11-23T09:00:00Z");
        MappedDelivery refired = mapper.map(json.writeValueAsBytes(tree));
        MappedDelivery first = map("debian-0.25-captured-firing.json");
        assertNotEquals(first.deliveryKey(), refired.deliveryKey());
        assertEquals(first.events().get(0).dedupKey(), refired.events().get(0).dedupKey());
    }

    @Test
    void refusesAnotherPayloadVersionWithTheReason() throws Exception {
        assertEquals(
                "version: \"3\" is not supported; runbook-bot reads Alertmanager webhook payload version \"4\"",
                refusal(with("version", "3")));
        ObjectNode numeric = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        numeric.put("version", 4);
        assertEquals(
                "version: number 4 is not supported; runbook-bot reads Alertmanager webhook payload version \"4\"",
                refusal(json.writeValueAsBytes(numeric)));
        assertEquals(
                "version: missing; runbook-bot reads Alertmanager webhook payload version 4",
                refusal(without("version")));
    }

    @Test
    void refusesWhatCanNeverBeRead() throws Exception {
        assertEquals("Alertmanager webhook: the body is empty", refusal(new byte[0]));
        assertTrue(refusal("{\"version\": \"4\",".getBytes(StandardCharsets.UTF_8))
                .startsWith("Alertmanager webhook: not valid JSON at line 1, column "));
        assertEquals(
                "Alertmanager webhook: expected a JSON object, got array",
                refusal("[1]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("groupKey: missing", refusal(without("groupKey")));
        assertEquals("alerts: missing (a version 4 webhook always has an alerts array)", refusal(without("alerts")));
        assertEquals(
                "alerts[0].status: \"pending\" is neither \"firing\" nor \"resolved\"",
                refusal(withAlert("status", "pending")));
        assertEquals(
                "alerts[0].startsAt: \"yesterday\" is not an RFC 3339 time",
                refusal(withAlert("startsAt", "yesterday")));
        assertEquals("alerts[0].startsAt: missing", refusal(withoutAlert("startsAt")));
        assertTrue(refusal(with("truncatedAlerts", "many")).startsWith("truncatedAlerts: "));
        assertTrue(refusal("{\"version\":\"4\",\"version\":\"4\"}".getBytes(StandardCharsets.UTF_8))
                .contains("Duplicate field 'version'"));
    }

    @Test
    void anEmptyGroupIsADeliveryWithoutAlerts() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        tree.putArray("alerts");
        MappedDelivery delivery = mapper.map(json.writeValueAsBytes(tree));
        assertEquals(List.of(), delivery.events());
        assertTrue(delivery.deliveryKey().startsWith("alertmanager:"));
    }

    private MappedDelivery map(String fixture) throws Exception {
        return mapper.map(fixture(fixture));
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(
                RecordedFixtures.root().resolve("alertmanager").resolve(name));
    }

    private String refusal(byte[] body) {
        return assertThrows(InvalidPayloadException.class, () -> mapper.map(body))
                .reason();
    }

    private byte[] with(String field, String value) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        tree.put(field, value);
        return json.writeValueAsBytes(tree);
    }

    private byte[] without(String field) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        tree.remove(field);
        return json.writeValueAsBytes(tree);
    }

    private byte[] withAlert(String field, String value) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        ((ObjectNode) tree.path("alerts").get(0)).put(field, value);
        return json.writeValueAsBytes(tree);
    }

    private byte[] withoutAlert(String field) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(fixture("debian-0.25-captured-firing.json"));
        ((ObjectNode) tree.path("alerts").get(0)).remove(field);
        return json.writeValueAsBytes(tree);
    }
}
