package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runbook.PreconditionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Approve button of a remediation that runs {@code after} others says what it waits for, within Slack's limit. */
class PreconditionRenderingTest {
    private static RemediationSpec drain(List<String> after) {
        return RemediationSpec.of("drain", "Drain", RemediationType.MANUAL, SourceLocation.unknown(Path.of("n.yaml")))
                .description("drain the node")
                .instructions(Optional.of("kubectl drain"))
                .safety(new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .preconditions(new PreconditionSpec(Optional.empty(), after))
                .build();
    }

    @Test
    void theApproveButtonNamesWhatItWaitsFor() {
        assertEquals("Approve", RemediationMessage.approveText(drain(List.of())));
        assertEquals("Approve (after cordon_node)", RemediationMessage.approveText(drain(List.of("cordon_node"))));
        String many = RemediationMessage.approveText(drain(
                List.of("cordon_the_node_in_the_first_zone", "cordon_the_node_in_the_second_zone", "and_a_third")));
        assertEquals(BlockKitLimits.BUTTON_TEXT, many.length(), many);
        assertTrue(many.startsWith("Approve (after cordon_the_node_in_the_first_zone, ") && many.endsWith("…)"), many);
    }
}
