package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.slack.PostedMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot with its own remediation pipeline ({@code RemediationAssembly}, as {@code runbookctl bot} wires it), on a
 * runbook whose remediation is a {@code notify} action that posts in the fake Slack: the preview the approver sees is
 * the pipeline's, an approval runs the action through the guards, and its outcome is shown.
 */
class RealRemediationIT {
    @TempDir
    Path dir;

    @Test
    void anApprovedNotificationIsPostedByThePipeline() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir, true)) {
            t.command("run team-notice", "U111");
            PostedMessage parent = t.awaitParent(1);
            PostedMessage tell =
                    t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the notice");
            assertTrue(
                    tell.allText().contains("Checkout is failing its health check"),
                    "the approver sees what will be posted: " + tell.allText());
            assertEquals(List.of("approve", "reject"), tell.buttonActionIds());

            t.slack.clickButton(tell.ts(), "approve", "U222");

            PostedMessage notice = t.awaitParent(2);
            assertTrue(notice.allText().contains("Checkout is failing its health check"), notice.allText());
            t.awaitVersion(tell, m -> m.allText().contains("*Done* at"), "the outcome on the remediation");
            assertEquals(
                    RunState.SUCCEEDED,
                    t.bot.records().run(new RunId(1)).orElseThrow().state());
        }
    }
}
