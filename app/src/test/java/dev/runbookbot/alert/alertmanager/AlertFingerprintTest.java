package dev.runbookbot.alert.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertFingerprintTest {
    private final ObjectMapper json = new ObjectMapper();

    /** Every alert in the fixtures that carries Alertmanager's fingerprint: ours, from the labels, is the same. */
    @Test
    void matchesEveryFingerprintARealAlertmanagerSent() throws IOException {
        int compared = 0;
        for (Path file : RecordedFixtures.files("alertmanager")) {
            for (JsonNode alert : json.readTree(file.toFile()).path("alerts")) {
                if (!alert.hasNonNull("fingerprint")) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                alert.path("labels")
                        .properties()
                        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                assertEquals(
                        alert.get("fingerprint").asText(),
                        AlertFingerprint.of(labels),
                        file.getFileName() + " " + labels);
                compared++;
            }
        }
        assertEquals(7, compared, "alerts with a fingerprint in app/src/test/resources/fixtures/alertmanager");
    }

    @Test
    void emptyLabelSetIsTheFnvOffsetBasis() {
        assertEquals("cbf29ce484222325", AlertFingerprint.of(Map.of()));
    }

    @Test
    void orderOfTheMapDoesNotMatterButEveryNameAndValueDoes() {
        Map<String, String> inOrder = new TreeMap<>(Map.of("alertname", "A", "instance", "x"));
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("instance", "x");
        reversed.put("alertname", "A");
        assertEquals(AlertFingerprint.of(inOrder), AlertFingerprint.of(reversed));
        assertNotEquals(AlertFingerprint.of(inOrder), AlertFingerprint.of(Map.of("alertname", "A", "instance", "y")));
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        assertNotEquals(AlertFingerprint.of(Map.of("ab", "c")), AlertFingerprint.of(Map.of("a", "bc")));
        assertFalse(AlertFingerprint.of(Map.of("a", "b")).isBlank());
        assertEquals(16, AlertFingerprint.of(Map.of("a", "b")).length());
    }
}
