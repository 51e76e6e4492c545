package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.workspace.LocalWorkspace;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalBotTest {
    @Test
    void localModeTalksOnlyToItsWorkspaceAndKeepsATrialApartFromARealInstallation() {
        try (LocalWorkspace workspace = new LocalWorkspace(Clock.systemUTC()).start()) {
            Map<String, String> env = LocalBot.environment(
                    Map.of(
                            "SLACK_BOT_TOKEN", "xoxb-real",
                            "SLACK_API_URL", "https://slack.com/api/",
                            "RUNBOOK_WEB_PORT", "9999"),
                    workspace);
            assertTrue(env.get("SLACK_BOT_TOKEN").startsWith("xoxb-local-"), env.get("SLACK_BOT_TOKEN"));
            assertTrue(env.get("SLACK_API_URL").startsWith("http://127.0.0.1:"), env.get("SLACK_API_URL"));
            assertFalse(env.containsValue("xoxb-real"));
            assertEquals("runbooks/demo", env.get("RUNBOOK_DIR"));
            assertEquals("runbook-bot-local.db", env.get("RUNBOOK_DB"));
            assertEquals(LocalWorkspace.APPROVERS_GROUP, env.get("RUNBOOK_APPROVERS"));
            assertEquals("9999", env.get("RUNBOOK_WEB_PORT"), "the person's own settings win over the defaults");
        }
    }
}
