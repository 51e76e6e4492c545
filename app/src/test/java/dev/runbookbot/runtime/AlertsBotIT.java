package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.AlertmanagerServer;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts through the whole bot ({@link BotRuntime} in-process, as {@code runbookctl bot} builds it) against the fake
 * Slack: a real Alertmanager opens exactly one incident thread, its repeats add none, its resolution resolves it;
 * an incident nobody acknowledges escalates to the secondary channel with a link to its thread while an acknowledged
 * one does not; an alert without a runbook is posted once to the fallback channel; and the operations endpoints
 * answer.
 */
class AlertsBotIT {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private AlertingBot running;
    private AlertingWorld world;
    private BotRuntime bot;
    private AlertmanagerServer alertmanager;

    @BeforeEach
    void start() throws Exception {
        running = AlertingBot.start(dir, clock, WAIT);
        world = running.world;
        bot = running.bot;
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aRealAlertmanagerOpensOneThreadItsRepeatsAddNoneAndItsResolutionResolvesIt() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(
                URI.create("http://127.0.0.1:" + bot.webPort() + "/webhooks/alertmanager"), AlertingWorld.TOKEN);
        Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-1");
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        PostedMessage parent =
                Poll.until("the incident thread", WAIT, () -> world.parents(AlertingWorld.PRIMARY).stream()
                        .findFirst());
        assertTrue(parent.allText().contains("p99 latency high on pay-1"), parent.allText());
        Poll.until(
                "two repeat notifications from Alertmanager",
                WAIT,
                () -> metric("runbook_webhooks_received_total{outcome=\"duplicate\",source=\"alertmanager\"}") >= 2
                        ? Optional.of(true)
                        : Optional.empty());
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size(), "repeats add no thread");
        Incident incident = onlyIncident();
        assertEquals(Optional.of(AlertFingerprint.of(labels)), incident.dedupKey());

        alertmanager.postAlerts(
                alert(labels, startsAt, Optional.of(Instant.now().minusSeconds(1))));

        PostedMessage resolved = Poll.until(
                "the resolution in the thread", WAIT, () -> world.replies(AlertingWorld.PRIMARY, parent.ts()).stream()
                        .filter(m -> m.allText().contains("Resolved by Alertmanager at"))
                        .findFirst());
        assertTrue(resolved.byBot());
        assertEquals(
                IncidentState.RESOLVED,
                bot.records().incident(incident.id()).orElseThrow().state());
        assertEquals(1, world.parents(AlertingWorld.PRIMARY).size());
        assertEquals(List.of(), world.parents(AlertingWorld.FALLBACK));
    }

    @Test
    void anUnacknowledgedIncidentEscalatesWithALinkToItsThreadAndAnAcknowledgedOneDoesNot() throws Exception {
        Instant startsAt = clock.instant().minusSeconds(60);
        assertEquals(200, world.postAlertmanager(bot.webPort(), body("pay-1", startsAt)));
        assertEquals(200, world.postAlertmanager(bot.webPort(), body("pay-2", startsAt)));
        List<PostedMessage> parents = Poll.until(
                "two incident threads",
                WAIT,
                () -> world.parents(AlertingWorld.PRIMARY).size() == 2
                        ? Optional.of(world.parents(AlertingWorld.PRIMARY))
                        : Optional.empty());
        PostedMessage acknowledged = parents.stream()
                .filter(m -> m.allText().contains("pay-2"))
                .findFirst()
                .orElseThrow();
        world.slack.clickButton(acknowledged.ts(), "ack", "U111");
        Poll.until("the acknowledgement", WAIT, () -> bot.records().incidents(true, 10).stream()
                .filter(i -> i.acknowledgement().isPresent())
                .findFirst());

        clock.advance(Duration.ofMinutes(6));

        PostedMessage escalation = Poll.until(
                "the escalation in the secondary channel", WAIT, () -> world.parents(AlertingWorld.SECONDARY).stream()
                        .findFirst());
        PostedMessage escalatedThread = parents.stream()
                .filter(m -> m.allText().contains("pay-1"))
                .findFirst()
                .orElseThrow();
        assertTrue(escalation.allText().contains("has not been acknowledged within 5 minutes"), escalation.allText());
        assertTrue(
                escalation
                        .allText()
                        .contains("/archives/" + AlertingWorld.PRIMARY + "/p"
                                + escalatedThread.ts().replace(".", "")),
                "a permalink to the thread: " + escalation.allText());
        Poll.until(
                "the escalation noted in the thread",
                WAIT,
                () -> world.replies(AlertingWorld.PRIMARY, escalatedThread.ts()).stream()
                        .filter(m -> m.allText().contains("Nobody acknowledged this incident within 5 minutes"))
                        .findFirst());
        assertEquals(
                List.of(IncidentState.ESCALATED),
                bot.records().incidents(true, 10).stream()
                        .filter(i -> i.acknowledgement().isEmpty())
                        .map(Incident::state)
                        .toList());
        assertTrue(bot.records().incidents(true, 10).stream()
                .filter(i -> i.acknowledgement().isPresent())
                .allMatch(i -> i.state() != IncidentState.ESCALATED));
        assertEquals(1, world.parents(AlertingWorld.SECONDARY).size(), "one escalation, for the unacknowledged one");
    }

    @Test
    void anAlertWithoutARunbookIsPostedOnceToTheFallbackChannel() throws IOException {
        Instant startsAt = clock.instant().minusSeconds(60);
        Map<String, String> labels = AlertmanagerPayloads.labels("DiskFull", "instance", "db-1");
        assertEquals(
                200, world.postAlertmanager(bot.webPort(), AlertmanagerPayloads.firing(labels, Map.of(), startsAt)));
        Map<String, String> other = AlertmanagerPayloads.labels("DiskFull", "instance", "db-2");
        // The group grows: a new delivery that carries the first alert again.
        assertEquals(
                200,
                world.postAlertmanager(
                        bot.webPort(),
                        AlertmanagerPayloads.group("{}:{alertname=\"DiskFull\"}", List.of(labels, other), startsAt)));

        Poll.until(
                "both deliveries processed",
                WAIT,
                () -> world.unprocessedDeliveries() == 0
                                && world.parents(AlertingWorld.FALLBACK).size() >= 2
                        ? Optional.of(true)
                        : Optional.empty());
        List<PostedMessage> posted = world.parents(AlertingWorld.FALLBACK);
        assertEquals(
                1, posted.stream().filter(m -> m.allText().contains("db-1")).count(), "db-1 once");
        assertEquals(
                1, posted.stream().filter(m -> m.allText().contains("db-2")).count(), "db-2 once");
        assertEquals(List.of(), bot.records().incidents(false, 10));
    }

    @Test
    void healthReadinessAndMetricsAnswer() throws IOException {
        assertEquals("200\nok\n", world.get(bot.webPort(), "/healthz"));
        String ready = world.get(bot.webPort(), "/readyz");
        assertTrue(ready.startsWith("200\n"), ready);
        assertTrue(ready.contains("ok store writable") && ready.contains("ok slack socket connected"), ready);

        assertEquals(
                200,
                world.postAlertmanager(
                        bot.webPort(), body("pay-9", clock.instant().minusSeconds(60))));
        Poll.until(
                "the diagnosis timed",
                WAIT,
                () -> metricPresent(
                        "runbook_diagnostic_duration_seconds_count{outcome=\"critical\",type=\"http_check\"}"));
        String metrics = world.get(bot.webPort(), "/metrics");
        assertTrue(
                metrics.contains("runbook_webhooks_received_total{outcome=\"accepted\",source=\"alertmanager\"} 1.0"),
                metrics);
        Poll.until(
                "the open incidents gauge",
                WAIT,
                () -> metric("runbook_incidents_open") == 1.0 ? Optional.of(true) : Optional.empty());
    }

    private Incident onlyIncident() {
        List<Incident> incidents = bot.records().incidents(false, 10);
        assertEquals(1, incidents.size(), incidents.toString());
        return incidents.get(0);
    }

    private static String body(String instance, Instant startsAt) {
        return AlertmanagerPayloads.firing(
                AlertmanagerPayloads.labels("PaymentsSlow", "instance", instance),
                Map.of("summary", "p99 latency high on " + instance),
                startsAt);
    }

    private double metric(String series) {
        return metricPresent(series).orElse(0.0);
    }

    private Optional<Double> metricPresent(String series) {
        String text = new String(bot.metrics().scrape(), StandardCharsets.UTF_8);
        return text.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst();
    }

    private String alert(Map<String, String> labels, Instant startsAt, Optional<Instant> endsAt) throws IOException {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "p99 latency high on " + labels.get("instance")));
        alert.put("startsAt", startsAt.toString());
        endsAt.ifPresent(end -> alert.put("endsAt", end.toString()));
        alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=x");
        return json.writeValueAsString(List.of(alert));
    }
}
