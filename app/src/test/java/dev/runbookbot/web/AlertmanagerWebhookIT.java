package dev.runbookbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.IntakeResult;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.testing.AlertmanagerServer;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordingAlertIntake;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

/**
 * A real Alertmanager, configured by the test, sends its webhooks to our server; alerts are fed through its API as
 * Prometheus would. Checks that what arrives passes our authentication, maps with Alertmanager's own fingerprint,
 * resolves, and that repeat notifications are recognised as the same delivery.
 */
class AlertmanagerWebhookIT {
    private static final String TOKEN = "it-bearer-t0ken";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingAlertIntake intake = new RecordingAlertIntake();
    private final Metrics metrics = new Metrics();
    private WebServer server;
    private AlertmanagerServer alertmanager;

    @BeforeEach
    void startServer() {
        server = new WebServer(
                        WebSettings.defaults()
                                .withBind("127.0.0.1", 0)
                                .withAlertmanagerBearerToken(new Secret("am-token", TOKEN))
                                .withAlertmanagerBasicAuth("alertmanager", new Secret("am-basic", "it-basic-pa55")),
                        intake,
                        List.of(),
                        metrics,
                        Clock.systemUTC())
                .start();
    }

    @AfterEach
    void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        server.close();
    }

    private URI webhook() {
        return server.baseUri().resolve("/webhooks/alertmanager");
    }

    @Test
    void aFiringAlertArrivesWithAlertmanagersFingerprintAndItsResolutionFollows() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(webhook(), TOKEN);
        Map<String, String> labels = labels("PaymentsSlow", "pay-1");
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        AlertEvent firing = awaitEvent("PaymentsSlow", AlertStatus.FIRING);
        assertEquals(AlertFingerprint.of(labels), firing.dedupKey(), "our fingerprint is Alertmanager's");
        assertEquals(labels, firing.labels());
        assertEquals(Optional.of("p99 latency high on pay-1"), firing.title());
        assertEquals(Optional.of("http://prometheus.invalid/graph?g0.expr=x"), firing.generatorUrl());
        assertEquals(startsAt, firing.startsAt());
        assertEquals(Optional.empty(), firing.endsAt());
        assertTrue(firing.rawJson().contains("\"fingerprint\":\"" + firing.dedupKey() + "\""), firing.rawJson());

        Instant endsAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        alertmanager.postAlerts(alert(labels, startsAt, Optional.of(endsAt)));

        AlertEvent resolved = awaitEvent("PaymentsSlow", AlertStatus.RESOLVED);
        assertEquals(firing.dedupKey(), resolved.dedupKey());
        assertEquals(Optional.of(endsAt), resolved.endsAt());
        assertEquals(endsAt, resolved.occurredAt());
        assertFalse(
                new String(metrics.scrape(), StandardCharsets.UTF_8).contains("runbook_webhooks_refused_total{"),
                "nothing Alertmanager sent was refused:\n" + alertmanager.log());
    }

    @Test
    void repeatNotificationsAndReSentAlertsAreTheSameDeliveryAndFingerprint() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(webhook(), TOKEN);
        Map<String, String> labels = labels("DiskFilling", "db-1");
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));
        // Prometheus re-sends a firing alert on every evaluation; Alertmanager merges it into the same alert.
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        List<RecordingAlertIntake.Call> calls =
                Poll.until("a repeat notification of DiskFilling (repeat_interval)", WAIT, () -> {
                    List<RecordingAlertIntake.Call> forAlert = callsFor("DiskFilling");
                    return forAlert.stream().anyMatch(c -> c.result() == IntakeResult.DUPLICATE)
                            ? Optional.of(forAlert)
                            : Optional.empty();
                });

        assertEquals(
                1,
                calls.stream()
                        .map(RecordingAlertIntake.Call::deliveryKey)
                        .distinct()
                        .count());
        assertEquals(
                List.of(AlertFingerprint.of(labels)),
                calls.stream()
                        .flatMap(c -> c.events().stream())
                        .map(AlertEvent::dedupKey)
                        .distinct()
                        .toList());
        assertEquals(IntakeResult.ACCEPTED, calls.get(0).result());
        assertEquals(
                1,
                intake.acceptedEvents().stream()
                        .filter(e -> e.alertName().equals("DiskFilling"))
                        .count());
    }

    @Test
    void basicAuthFromHttpConfigIsAccepted() throws IOException {
        alertmanager = AlertmanagerServer.withBasicAuth(webhook(), "alertmanager", "it-basic-pa55");
        alertmanager.postAlerts(alert(labels("QueueBacklog", "mq-1"), Instant.now(), Optional.empty()));
        assertEquals(
                AlertStatus.FIRING,
                awaitEvent("QueueBacklog", AlertStatus.FIRING).status());
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsRecorded() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(webhook(), "not-the-token");
        alertmanager.postAlerts(alert(labels("WrongToken", "x-1"), Instant.now(), Optional.empty()));
        Poll.until("our server to refuse Alertmanager's notification", WAIT, () -> {
            String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
            return text.contains("runbook_webhooks_refused_total{reason=\"unauthorized\",source=\"alertmanager\"}")
                    ? Optional.of(true)
                    : Optional.empty();
        });
        assertEquals(List.of(), intake.calls());
    }

    private AlertEvent awaitEvent(String alertName, AlertStatus status) {
        return Poll.until(status + " " + alertName + " at the intake", WAIT, () -> intake.acceptedEvents().stream()
                .filter(e -> e.alertName().equals(alertName) && e.status() == status)
                .findFirst());
    }

    private List<RecordingAlertIntake.Call> callsFor(String alertName) {
        return intake.calls().stream()
                .filter(c -> c.events().stream().anyMatch(e -> e.alertName().equals(alertName)))
                .toList();
    }

    private static Map<String, String> labels(String alertName, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertName);
        labels.put("service", "payments");
        labels.put("instance", instance);
        labels.put("severity", "critical");
        return labels;
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
