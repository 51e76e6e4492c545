package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.incident.threshold.ThresholdSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultsListenOnLoopbackRefuseUnconfiguredSendersAndDoNotPage() {
        AlertingSettings settings = AlertingSettings.read(SettingsSource.of(Map.of()));

        assertEquals("127.0.0.1", settings.bindAddress());
        assertEquals(8080, settings.port());
        assertEquals(Optional.empty(), settings.alertmanagerTokenSecret());
        assertEquals(List.of(), settings.pagerdutyWebhookSecrets());
        assertEquals(AlertRouting.defaults(), settings.routing());
        assertEquals(Optional.empty(), settings.paging());
        assertEquals(ThresholdSettings.defaults(), settings.thresholds());
        assertEquals(Duration.ofSeconds(30), settings.escalationCheckEvery());
    }

    @Test
    void theEnvironmentNamesSecretsAndChannels() {
        AlertingSettings settings = AlertingSettings.read(SettingsSource.of(Map.of(
                "RUNBOOK_WEB_PORT", "9094",
                "RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "am-token",
                "RUNBOOK_PAGERDUTY_WEBHOOK_SECRETS", "pd-old, pd-new",
                "RUNBOOK_ALERT_FALLBACK_CHANNEL", "#alerts-unrouted",
                "RUNBOOK_ALERT_ENVIRONMENT_LABEL", "environment",
                "RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET", "pd-routing",
                "RUNBOOK_PAGERDUTY_EVENTS_URL", "http://127.0.0.1:18080")));

        assertEquals(9094, settings.port());
        assertEquals(Optional.of("am-token"), settings.alertmanagerTokenSecret());
        assertEquals(List.of("pd-old", "pd-new"), settings.pagerdutyWebhookSecrets());
        assertEquals(new AlertRouting("environment", Optional.of("#alerts-unrouted")), settings.routing());
        assertEquals("pd-routing", settings.paging().orElseThrow().routingKeySecret());
        assertEquals(
                URI.create("http://127.0.0.1:18080"),
                settings.paging().orElseThrow().baseUrl());
    }

    @Test
    void theFileSetsThresholdsAndTheEscalationCheck() throws Exception {
        Path file = dir.resolve("runbook-bot.yaml");
        Files.writeString(file, """
                thresholds: {interval: 15s, queryTimeout: 5s, clearEvaluations: 3}
                escalation: {checkEvery: 10s}
                alerts: {workers: 2}
                """);

        AlertingSettings settings = AlertingSettings.read(SettingsSource.load(file, Map.of()));

        assertEquals(new ThresholdSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), 3), settings.thresholds());
        assertEquals(Duration.ofSeconds(10), settings.escalationCheckEvery());
        assertEquals(2, settings.workers());
    }

    @Test
    void aBadValueIsAnErrorNamingTheSection() {
        SettingsException portError = assertThrows(
                SettingsException.class,
                () -> AlertingSettings.read(SettingsSource.of(Map.of("RUNBOOK_WEB_PORT", "70000"))));
        assertEquals("settings 'alerting': web port 70000 is outside 0..65535", portError.getMessage());

        SettingsException urlError = assertThrows(
                SettingsException.class,
                () -> AlertingSettings.read(SettingsSource.of(Map.of(
                        "RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET", "pd",
                        "RUNBOOK_PAGERDUTY_EVENTS_URL", "ftp://pagerduty.example"))));
        assertEquals(
                "settings 'pagerduty': the PagerDuty Events API URL must be an absolute http(s) URL, not"
                        + " 'ftp://pagerduty.example'",
                urlError.getMessage());
    }
}
