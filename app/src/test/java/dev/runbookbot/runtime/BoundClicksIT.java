package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A click is bound to the message it came from, seen from outside: the whole bot against the fake Slack, with forged
 * {@code block_actions} payloads that carry one run's (or incident's) button but name another message, or another
 * channel, as the place of the click. Each is refused to the person who clicked, recorded in the timeline, and runs
 * nothing; the same button clicked where it really is still works.
 */
class BoundClicksIT {
    private static final IncidentId INC_1 = new IncidentId(1);

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir);
        t.slack.addChannel(FakeChannel.publicWithBot("C222", "elsewhere"));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private PostedMessage restartOf(PostedMessage parent) {
        // the thread's one reply shows every proposal: the restart's Approve and Reject, the manual step's Done
        return t.awaitInThread(
                parent, m -> m.buttonActionIds().containsAll(List.of("approve", "reject")), "the restart");
    }

    @Test
    void runAsApproveSentFromAnotherIncidentsMessageOrAnotherChannelRunsNothing() {
        t.command("run payments-slow", "U111");
        PostedMessage first = t.awaitParent(1);
        PostedMessage restartA = restartOf(first);
        t.command("run payments-slow", "U111");
        PostedMessage second = t.awaitParent(2);
        PostedMessage restartB = restartOf(second);

        SentEnvelope fromB =
                t.slack.clickButtonFrom(restartA.ts(), "approve", "U222", restartB.channel(), restartB.ts());
        String refusal = t.awaitEphemeral(fromB, "U222");
        assertTrue(
                refusal.startsWith(":no_entry: Not done: this button was clicked on message " + restartB.ts()),
                refusal);
        t.awaitTimeline(INC_1, "refused approve of restart_payments (run-1): this button was clicked on message");

        SentEnvelope otherChannel = t.slack.clickButtonFrom(restartA.ts(), "approve", "U333", "C222", restartA.ts());
        String channelRefusal = t.awaitEphemeral(otherChannel, "U333");
        assertTrue(channelRefusal.contains("this button was clicked in channel C222"), channelRefusal);
        t.awaitTimeline(INC_1, "refused approve of restart_payments (run-1): this button was clicked in channel C222");

        SentEnvelope rejectFromParent =
                t.slack.clickButtonFrom(restartA.ts(), "reject", "U222", first.channel(), first.ts());
        t.awaitEphemeral(rejectFromParent, "U222");
        t.awaitTimeline(INC_1, "refused reject of restart_payments (run-1)");

        assertEquals(
                RunState.PROPOSED,
                t.bot.records().run(new RunId(1)).orElseThrow().state());
        assertTrue(t.remediator().executions().isEmpty(), "a click from another message runs nothing");
        assertEquals(
                List.of("approve", "reject", "done"),
                t.slack.message(restartA.ts()).orElseThrow().buttonActionIds(),
                "run A's message keeps its buttons");

        t.slack.clickButton(restartA.ts(), "approve", "U222");
        assertEquals(
                "U222",
                Poll.until("the execution", BotUnderTest.WAIT, () -> t.remediator().executions().stream()
                                .findFirst())
                        .actor());
        assertEquals(
                RunState.PROPOSED,
                t.bot.records().run(new RunId(3)).orElseThrow().state(),
                "B's own run");
    }

    @Test
    void imOnItSentFromAnotherIncidentsParentAcknowledgesNothing() {
        t.command("run payments-slow", "U111");
        PostedMessage first = t.awaitParent(1);
        restartOf(first);
        t.command("run payments-slow", "U111");
        PostedMessage second = t.awaitParent(2);
        restartOf(second);

        SentEnvelope forged = t.slack.clickButtonFrom(first.ts(), "ack", "U333", second.channel(), second.ts());

        String refusal = t.awaitEphemeral(forged, "U333");
        assertTrue(refusal.contains("this button was clicked on message " + second.ts()), refusal);
        t.awaitTimeline(INC_1, "refused acknowledge of INC-1");
        assertEquals(
                Optional.empty(), t.bot.records().incident(INC_1).orElseThrow().acknowledgement());
        assertEquals(
                Optional.empty(),
                t.bot.records().incident(new IncidentId(2)).orElseThrow().acknowledgement());
    }
}
