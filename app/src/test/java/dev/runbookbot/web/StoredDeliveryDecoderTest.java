package dev.runbookbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import dev.runbookbot.alert.pagerduty.PagerDutyMapper;
import dev.runbookbot.incident.intake.DecodedDelivery;
import dev.runbookbot.incident.intake.InboundDelivery;
import dev.runbookbot.testing.RecordedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stored body read back gives the very events its route produced when it arrived. */
class StoredDeliveryDecoderTest {
    private final StoredDeliveryDecoder decoder = new StoredDeliveryDecoder();

    @Test
    void anAlertmanagerBodyGivesTheSameEventsAgain() throws Exception {
        String body = fixture("alertmanager", "grafana-oncall-example-firing-2-alerts.json");
        MappedDelivery atArrival =
                new AlertmanagerMapper(new JsonPayloadReader()).map(body.getBytes(StandardCharsets.UTF_8));

        DecodedDelivery decoded = decoder.decode(stored(atArrival.deliveryKey(), "alertmanager", body));

        assertEquals(
                atArrival.events(),
                assertInstanceOf(DecodedDelivery.Alerts.class, decoded).events());
    }

    @Test
    void aPagerDutyBodyKeepsTheWebhookIdOfItsKey() throws Exception {
        String body = fixture("pagerduty", "v3-incident.acknowledged.zulip.json");
        MappedDelivery atArrival = new PagerDutyMapper(new JsonPayloadReader())
                .map(body.getBytes(StandardCharsets.UTF_8), Optional.of("wh-0001"));

        DecodedDelivery decoded = decoder.decode(stored("pagerduty:wh-0001", "pagerduty", body));

        assertEquals(
                atArrival.events(),
                assertInstanceOf(DecodedDelivery.Alerts.class, decoded).events());
        assertEquals(
                "pagerduty:wh-0001",
                ((DecodedDelivery.Alerts) decoded).events().get(0).deliveryId());
    }

    @Test
    void aBodyThatCanNoLongerBeReadSaysWhy() {
        DecodedDelivery decoded = decoder.decode(stored("alertmanager:x", "alertmanager", "{\"version\": \"3\"}"));

        assertEquals(
                "version: \"3\" is not supported; runbook-bot reads Alertmanager webhook payload version \"4\"",
                assertInstanceOf(DecodedDelivery.Unreadable.class, decoded).reason());
    }

    @Test
    void anotherSourceIsNotRead() {
        DecodedDelivery decoded = decoder.decode(stored("slack:Ev1", "slack", "{}"));

        assertEquals(
                "no mapper reads deliveries from 'slack'",
                assertInstanceOf(DecodedDelivery.Unreadable.class, decoded).reason());
    }

    private static String fixture(String dir, String name) {
        return RecordedFixtures.read(RecordedFixtures.root().resolve(dir).resolve(name));
    }

    private static InboundDelivery stored(String key, String source, String body) {
        return new InboundDelivery(key, source, Instant.EPOCH, body, Optional.empty(), Optional.empty());
    }
}
