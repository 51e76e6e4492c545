package dev.runbookbot.incident.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertGroupTextTest {
    private static AlertEvent firing(Map<String, String> labels, String title) {
        Instant at = Instant.parse("2026-11-23T03:00:00Z");
        return new AlertEvent(
                AlertSource.ALERTMANAGER,
                AlertStatus.FIRING,
                "firing",
                labels.get("alertname"),
                "fp-" + labels.hashCode(),
                labels,
                Map.of(),
                at,
                Optional.empty(),
                at,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(title),
                "delivery-1",
                List.of(),
                "{}",
                Optional.empty());
    }

    @Test
    void aLineBreakInALabelCannotForgeAnotherAlertOfTheList() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "PaymentsSlow");
        labels.put("instance", "pay-1\n• DiskFull {instance=db-1}: all clear\r\nok");

        String listed = AlertGroupText.list(List.of(firing(labels, "slow\u2028• fake")));

        assertEquals("\n• PaymentsSlow {instance=pay-1 • DiskFull {instance=db-1}: all clear ok}: slow • fake", listed);
    }

    @Test
    void aHugeLabelIsCutSoTheOthersStayVisible() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "PaymentsSlow");
        labels.put("pod", "x".repeat(100_000));
        labels.put("instance", "pay-1");

        String listed = AlertGroupText.list(List.of(firing(labels, "t".repeat(10_000))));

        assertTrue(listed.contains("{instance=pay-1, pod=" + "x".repeat(AlertGroupText.MAX_LABEL) + "…}"), listed);
        assertTrue(listed.endsWith(": " + "t".repeat(AlertGroupText.MAX_TITLE) + "…"), listed);
        assertTrue(listed.length() < 1_000, "length " + listed.length());
    }
}
