package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.testing.slack.PostedMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No incident stays "remediating" with nothing running: after a remediation whose recovery check says not recovered,
 * the incident needs a person, its parent message says so, and its escalation timer runs again. Through the whole bot
 * with its real remediation pipeline (a notify action that posts in the fake Slack) and a real recovery check (the
 * checkout health check still fails).
 */
class RemediationAftermathIT {
    @TempDir
    Path dir;

    @Test
    void notRecoveredLeavesTheIncidentNeedingAPersonWithItsEscalationRearmed() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir, true, Map.of("RUNBOOK_SETTLE_TIME", "10ms"), r -> {})) {
            t.command("run team-notice", "U111");
            PostedMessage parent = t.awaitParent(1);
            PostedMessage tell =
                    t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the notice");
            t.slack.clickButton(tell.ts(), "approve", "U222");

            t.awaitInThread(parent, "Not recovered after tell_the_team");
            t.awaitInThread(parent, "INC-1 needs a person: not recovered after tell_the_team");
            t.awaitVersion(parent, m -> m.allText().contains("*needs attention*"), "the parent says so");
            Incident incident = t.bot.records().incident(new IncidentId(1)).orElseThrow();
            assertEquals(IncidentState.NEEDS_ATTENTION, incident.state());
            assertTrue(incident.escalationDeadline().isPresent(), "the escalation timer applies again");
            t.awaitTimeline(new IncidentId(1), "remediating -> needs attention: not recovered after tell_the_team");
        }
    }
}
