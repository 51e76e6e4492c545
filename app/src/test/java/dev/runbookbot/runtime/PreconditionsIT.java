package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preconditions and ordering through the whole bot and its real remediation pipeline, seen from Slack: a remediation
 * whose {@code require} no longer holds when it is approved (its step is run again, fresh, and reads healthy now) does
 * not run and is cancelled (its old approval cannot run it later), and the thread and the timeline say which condition
 * failed with which value; a remediation that runs
 * {@code after} another says so on its button, and an Approve clicked before the other succeeded is refused
 * ephemerally and recorded, then accepted once it has.
 */
class PreconditionsIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Pattern BASE = Pattern.compile("url: \"(http://127\\.0\\.0\\.1:[0-9]+)/checkout/health\"");

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir, true, Map.of(), PreconditionsIT::addGuardedRunbook);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** {@code guards-runbooks/pool-guarded.yaml}, aimed at the same MockWebServer as the others. */
    private static void addGuardedRunbook(Path runbooks) {
        try (InputStream in = PreconditionsIT.class.getResourceAsStream("/guards-runbooks/pool-guarded.yaml")) {
            Matcher base = BASE.matcher(Files.readString(runbooks.resolve("team-notice.yaml")));
            assertTrue(base.find(), "team-notice.yaml names the test's web server");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(runbooks.resolve("pool-guarded.yaml"), text.replace("@BASE@", base.group(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPreconditionThatNoLongerHoldsStopsTheRunAndAnOrderedRunWaitsForTheOneBefore() {
        t.statuses.put("/pool/health", 503);
        t.command("run pool-guarded", "U111");
        PostedMessage parent = t.awaitParent(1);
        // one reply holds the three proposals: cordon (run-1), drain (run-2), terminate (run-3)
        PostedMessage reply = t.awaitInThread(
                parent,
                m -> m.buttonActionIds().stream().filter("approve"::equals).count() == 3,
                "the three proposals");
        assertTrue(reply.allText().contains("Approve (after cordon)"), "its button says what it waits for");
        assertTrue(reply.allText().contains("Runs only after:"), reply.allText());
        assertTrue(reply.allText().contains("Checked again before it runs:"), reply.allText());

        // 1. the pool recovered meanwhile: the approved termination re-reads it and does not run
        t.statuses.put("/pool/health", 200);
        t.slack.clickButtonWithValue(reply.ts(), "approve", "run-3", "U222");
        PostedMessage refusedNote = t.awaitInThread(parent, "run-3 did not run: its precondition");
        assertTrue(
                refusedNote
                        .allText()
                        .contains(
                                "its precondition `diagnostics.pool.all_healthy == false &amp;&amp; diagnostics.pool.status"
                                        + " == 'critical'` no longer holds, re-checked just now:"
                                        + " diagnostics.pool.all_healthy=true, diagnostics.pool.status='healthy'"),
                refusedNote.allText()); // mrkdwn-escaped, as everything the bot posts
        TimelineEvent refusal = t.awaitTimeline(INC_1, "asked to run terminate (run-3); refused:");
        assertEquals(TimelineKind.ACTION, refusal.kind());
        assertTrue(refusal.summary().contains("diagnostics.pool.all_healthy=true"), refusal.summary());
        Poll.until("run-3 is cancelled: it did not run", BotUnderTest.WAIT, () -> t.bot.records()
                .run(new RunId(3))
                .filter(r -> r.state() == RunState.CANCELLED));
        t.awaitTimeline(INC_1, "terminate (run-3) cancelled: its precondition");
        // its message says it did not run and offers no Run button, only a new proposal with fresh evidence
        PostedMessage cancelled = t.awaitVersion(
                reply,
                m -> m.allText().contains("*Cancelled* at")
                        && m.buttonActionIds().contains("propose_again"),
                "run-3 cancelled, with Propose again");
        assertFalse(cancelled.allText().contains("Run (checks again)"), cancelled.allText());
        assertFalse(cancelled.buttonActionIds().contains("run"), cancelled.allText());
        assertTrue(
                t.slack.messages(BotUnderTest.CHANNEL).stream()
                        .noneMatch(m -> m.threadTs() == null && m.allText().contains("terminated idle sessions")),
                "nothing was posted by the action (its preview is in the proposal, in the thread)");

        // 2. drain clicked before cordon succeeded: refused, ephemerally and on the timeline
        SentEnvelope early = t.slack.clickButtonWithValue(reply.ts(), "approve", "run-2", "U222");
        String answer = t.awaitEphemeral(early, "U222");
        assertTrue(
                answer.contains("drain (run-2) runs only after cordon succeeded in this incident; cordon (Cordon the"
                        + " Pool) is waiting for approval (0 of 1); try again once it has"),
                answer);
        t.awaitTimeline(INC_1, "refused approve of drain (run-2): drain (run-2) runs only after cordon succeeded");
        assertEquals(
                RunState.PROPOSED,
                t.bot.records().run(new RunId(2)).orElseThrow().state());

        // 3. cordon, then drain
        t.slack.clickButtonWithValue(reply.ts(), "approve", "run-1", "U222");
        Poll.until("cordon ran", BotUnderTest.WAIT, () -> t.bot.records()
                .run(new RunId(1))
                .filter(r -> r.state() == RunState.SUCCEEDED));
        t.slack.clickButtonWithValue(reply.ts(), "approve", "run-2", "U333");
        Poll.until("drain ran after cordon", BotUnderTest.WAIT, () -> t.bot.records()
                .run(new RunId(2))
                .filter(r -> r.state() == RunState.SUCCEEDED));
        assertTrue(t.slack.messages(BotUnderTest.CHANNEL).stream()
                .anyMatch(m -> m.threadTs() == null && m.allText().contains("drained the pool")));
    }
}
