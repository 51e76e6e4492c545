package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 4: approval deadlines follow elapsed time, not the wall clock. The whole bot runs against the fake
 * Slack with a manual clock whose wall time a test can step without time passing ({@code ManualClock.step}) and whose
 * monotonic ticker moves only when time passes ({@code advance}); the reaper looks every 10 s. checkout-down's
 * restart must be approved within 2 minutes. The first test shows that a click reads the deadline on the bot's clock,
 * the second that the reaper does, and that the bot's clock ignores a step of the wall clock.
 */
class MonotonicDeadlinesIT {
    private static final RunId RUN_1 = new RunId(1);

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private PostedMessage proposeTheRestart() {
        t.command("run checkout-down", "U111");
        PostedMessage parent = t.awaitParent(1);
        return t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the checkout restart");
    }

    @Test
    void aWallClockSteppedAnHourForwardDoesNotExpireAnApprovalWhoseTimeHasNotPassed() {
        PostedMessage restart = proposeTheRestart();
        t.clock.step(Duration.ofHours(1));
        t.clock.advance(Duration.ofSeconds(45));

        SentEnvelope click = t.slack.clickButton(restart.ts(), "approve", "U222");

        t.slack.awaitAck(click.envelopeId());
        try {
            t.awaitVersion(restart, m -> m.allText().contains("approved by <@U222>"), "the approval");
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\nanswers: " + t.slack.responseUrlPosts() + t.slack.ephemerals() + "\ntimeline: "
                            + t.bot.records().timeline(new dev.runbookbot.audit.IncidentId(1)),
                    e);
        }
        assertEquals(
                "U222",
                Poll.until("the execution", BotUnderTest.WAIT, () -> t.remediator().executions().stream()
                                .findFirst())
                        .actor());
    }

    @Test
    void aWallClockSteppedAnHourBackDoesNotKeepAnApprovalOpenPastItsTime() {
        PostedMessage restart = proposeTheRestart();
        t.clock.step(Duration.ofHours(-1));
        t.clock.advance(Duration.ofSeconds(150));

        Poll.until("the expiry by the reaper (it looks every 10 s)", Duration.ofSeconds(30), () -> t.slack
                .message(restart.ts())
                .filter(m -> m.allText().contains("*Expired* at")));
        assertEquals(RunState.EXPIRED, t.bot.records().run(RUN_1).orElseThrow().state());
        SentEnvelope late = t.slack.clickButton(restart, "approve", "U222"); // as the person's client still shows it
        String refusal = t.awaitEphemeral(late, "U222");
        assertTrue(refusal.contains("expired"), refusal);
        assertTrue(t.remediator().executions().isEmpty());
    }
}
