package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordingRemediator;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-off seen from Slack, through the whole bot: {@code /runbook run checkout-burn} finds checkout failing, hands
 * the incident to {@code checkout-db} with the parameter it renders, and everything stays in one incident and one
 * thread: the hand-off note, the next runbook's diagnosis and its remediation, which an approver approves like any
 * other before it runs with the handed-off parameter. The parent message then names the next runbook, and the
 * timeline records the hand-off.
 */
class HandOffIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Pattern BASE = Pattern.compile("url: \"(http://127\\.0\\.0\\.1:[0-9]+)/checkout/health\"");

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir, false, Map.of(), HandOffIT::addHandOffRunbooks);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** The two runbooks of {@code handoff-runbooks/}, aimed at the same MockWebServer as the others. */
    private static void addHandOffRunbooks(Path runbooks) {
        try {
            Matcher base = BASE.matcher(Files.readString(runbooks.resolve("team-notice.yaml")));
            assertTrue(base.find(), "team-notice.yaml names the test's web server");
            for (String name : List.of("checkout-burn.yaml", "checkout-db.yaml")) {
                try (InputStream in = HandOffIT.class.getResourceAsStream("/handoff-runbooks/" + name)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(runbooks.resolve(name), text.replace("@BASE@", base.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theNextRunbookContinuesTheIncidentInTheSameThreadAndItsRemediationIsApprovedLikeAnyOther() {
        t.command("run checkout-burn region=us", "U111");
        PostedMessage parent = t.awaitParent(1);

        PostedMessage note = t.awaitInThread(parent, "Handed off to runbook checkout-db");
        assertTrue(
                note.allText()
                        .contains("Handed off to runbook checkout-db (Checkout Database) with database=orders-us:"
                                + " Hand off to the checkout database runbook, chosen by"),
                note.allText());
        PostedMessage restart = t.awaitInThread(
                parent, m -> m.buttonActionIds().containsAll(List.of("approve", "reject")), "the next runbook's step");
        assertTrue(restart.allText().contains("Restart the Connection Pool"), restart.allText());
        assertTrue(restart.allText().contains("database=orders-us"), restart.allText());
        t.awaitVersion(parent, m -> m.allText().contains("Checkout Database"), "the parent names the next runbook");
        assertEquals(
                1,
                t.slack.messages(BotUnderTest.CHANNEL).stream()
                        .filter(m -> m.byBot() && m.threadTs() == null)
                        .count(),
                "one incident, one thread");

        t.slack.clickButton(restart.ts(), "approve", "U222");

        RecordingRemediator.Execution ran =
                Poll.until("the approved restart", BotUnderTest.WAIT, () -> Optional.ofNullable(t.remediator())
                        .flatMap(r -> r.executions().stream().findFirst()));
        assertEquals("U222", ran.actor());
        assertEquals(Map.of("database", "orders-us"), ran.params());
        TimelineEvent handOff = t.awaitTimeline(INC_1, "handed off from runbook checkout-burn to checkout-db");
        assertEquals(TimelineKind.DECISION, handOff.kind());
        assertTrue(handOff.detail().contains("\"params\":\"database=orders-us\""), handOff.detail());
        assertEquals(
                "checkout-db", t.bot.records().incident(INC_1).orElseThrow().runbookId());
    }
}
