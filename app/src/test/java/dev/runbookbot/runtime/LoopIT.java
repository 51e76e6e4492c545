package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops seen from Slack, through the whole bot and its real remediation pipeline: {@code /runbook run shard-notice}
 * checks three shards with one {@code forEach} step (its iterations collapsed into the step's line in the thread,
 * worst first), proposes a {@code forEach} notify whose approval lists every shard it will post about, and one
 * approval runs it for each, one at a time; the timeline records each iteration of both loops.
 */
class LoopIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Pattern BASE = Pattern.compile("url: \"(http://127\\.0\\.0\\.1:[0-9]+)/checkout/health\"");

    @TempDir
    Path dir;

    /** {@code loop-runbooks/shard-notice.yaml}, aimed at the same web server as the other test runbooks. */
    private static void addLoopRunbook(Path runbooks) {
        try {
            Matcher base = BASE.matcher(Files.readString(runbooks.resolve("team-notice.yaml")));
            assertTrue(base.find(), "team-notice.yaml names the test's web server");
            try (InputStream in = LoopIT.class.getResourceAsStream("/loop-runbooks/shard-notice.yaml")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(runbooks.resolve("shard-notice.yaml"), text.replace("@BASE@", base.group(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApprovalListsEveryTargetAndOneApprovalRunsEachInTurn() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir, true, Map.of(), LoopIT::addLoopRunbook)) {
            t.command("run shard-notice", "U111");
            PostedMessage parent = t.awaitParent(1);

            PostedMessage tell = t.awaitInThread(
                    parent, m -> m.buttonActionIds().contains("approve"), "the loop's approval request");
            String approval = tell.allText();
            assertTrue(
                    approval.contains("for each of 3 items, one at a time, stopping at the first failure"), approval);
            for (String shard : List.of("alpha", "beta", "gamma")) {
                assertTrue(
                        approval.contains("Shard " + shard + " is critical; the incident thread has the evidence."),
                        "the approver sees every target: " + approval);
            }
            assertTrue(approval.contains("[3/3]"), approval);
            PostedMessage diagnosis =
                    t.awaitInThread(parent, m -> m.allText().contains("3 items: 3 critical"), "the looped step");
            assertTrue(diagnosis.allText().contains("critical alpha"), diagnosis.allText());

            t.slack.clickButton(tell.ts(), "approve", "U222");

            List<String> notices = Poll.until("three notices", BotUnderTest.WAIT, () -> {
                List<String> posted = t.slack.messages(BotUnderTest.CHANNEL).stream()
                        .filter(m ->
                                m.byBot() && m.threadTs() == null && m.allText().startsWith("Shard "))
                        .map(PostedMessage::allText)
                        .toList();
                return posted.size() >= 3 ? Optional.of(posted) : Optional.empty();
            });
            assertEquals(3, notices.size(), notices.toString());
            assertTrue(notices.get(0).contains("Shard alpha"), notices.toString());
            assertTrue(notices.get(2).contains("Shard gamma"), notices.toString());
            t.awaitVersion(tell, m -> m.allText().contains("*Done* at"), "the outcome on the remediation");
            assertEquals(
                    RunState.SUCCEEDED,
                    t.bot.records().run(new RunId(1)).orElseThrow().state());
            TimelineEvent iteration = t.awaitTimeline(INC_1, "Tell Each Shard's Team [2/3]");
            assertTrue(iteration.summary().endsWith(": done"), iteration.summary());
            t.awaitTimeline(INC_1, "Shard health [3] gamma: critical");
        }
    }
}
