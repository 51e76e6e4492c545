package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loop's preview lists every target, so it may be longer than one section holds: it is cut at line ends into
 * parts that each fit, and nothing is lost until the message's own limit.
 */
class RemediationPreviewPartsTest {
    @Test
    void aShortPreviewIsOnePartAndALongOneIsCutAtLineEndsWithEveryLineKept() {
        assertEquals(
                List.of("fake run_script\nterminate"), RemediationMessage.previewParts("fake run_script\nterminate"));

        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            lines.add("[" + i + "/100] {pod=\"checkout-" + i + "\"} -> deployment shop/checkout pod checkout-" + i);
        }
        String preview = String.join("\n", lines);
        List<String> parts = RemediationMessage.previewParts(preview);

        assertTrue(parts.size() > 1, "a long preview takes several parts");
        parts.forEach(part -> assertTrue(part.length() <= 2_400, "each part fits a section: " + part.length()));
        assertEquals(preview, String.join("\n", parts), "no target is lost");
    }
}
