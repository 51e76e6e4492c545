package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.FaultRule;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 3: the incident thread survives a Slack outage. The whole bot runs against the fake Slack, which
 * answers every {@code chat.postMessage} with {@code 429 Retry-After: 2} for a while, or hangs a call until the bot's
 * call timeout: the parent, the verdict and the buttons all arrive once Slack answers, the record points at them, the
 * buttons work, and nobody is told to invite the bot (only {@code not_in_channel} means that).
 */
class SlackOutageIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    /** Longer than the 4 attempts of 2 s that the bot used to give up after. */
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(60);

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

    @Test
    void aThreadOpenedDuringA429StormIsPostedWithItsVerdictAndButtonsOnceSlackAnswers() {
        t.slack.injectFor("chat.postMessage", OUTAGE, Fault.rateLimited(2));

        SentEnvelope command = t.command("run payments-slow", "U111");

        String answer = t.awaitEphemeral(command, "U111");
        assertTrue(answer.contains("its thread will appear here as soon as Slack does"), answer);
        assertFalse(answer.contains("/invite"), "a rate limit is not a missing invitation: " + answer);
        PostedMessage parent = Poll.until("the parent after the outage", AFTER_OUTAGE, () -> parents().stream()
                .findFirst());
        PostedMessage reply = Poll.until(
                "the reply with the verdict and the buttons",
                AFTER_OUTAGE,
                () -> t.slack.messages(BotUnderTest.CHANNEL).stream()
                        .filter(m -> parent.ts().equals(m.threadTs()))
                        .filter(m -> m.allText().contains("*Verdict: critical*")
                                && m.buttonActionIds().contains("approve"))
                        .findFirst());
        assertTrue(reply.allText().contains("*Diagnosis finished* (2 steps)"), reply.allText());
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the parent's final state");

        assertEquals(
                Optional.of(new ChatLocation(BotUnderTest.CHANNEL, parent.ts())),
                t.bot.records().incident(INC_1).orElseThrow().thread(),
                "the record points at the late parent");
        Poll.until("the run's message recorded", BotUnderTest.WAIT, () -> t.bot.records()
                .run(new RunId(1))
                .flatMap(run -> run.message())
                .filter(at -> at.ts().equals(reply.ts())));
        t.slack.clickButton(reply.ts(), "approve", "U222");
        Poll.until("the execution", BotUnderTest.WAIT, () -> t.remediator().executions().stream()
                .findFirst());
        assertEquals(1, parents().size(), "one parent, however many tries");
        assertTrue(t.posts().stream().filter(c -> c.status() == 429).count() > 1, "the fake did refuse for a while");
        assertEquals(List.of(), t.slack.callsInsideRetryAfterWindows(), "Retry-After is honoured");
        t.awaitTimeline(INC_1, "the incident thread in C111 is not posted yet");
    }

    @Test
    void aPostThatHangsUntilItsTimeoutIsPostedAgainAndTheThreadCarriesOn() {
        t.slack.inject(FaultRule.on("chat.postMessage", new Fault.Hang()));

        SentEnvelope command = t.command("run payments-slow", "U111");

        String answer = Poll.until("an answer", AFTER_OUTAGE, () -> t.slack.responseUrlPosts().stream()
                .filter(p -> p.envelopeId().equals(command.envelopeId()))
                .map(p -> p.text())
                .findFirst());
        assertFalse(answer.contains("/invite"), answer);
        PostedMessage parent = Poll.until("the parent after the hang", AFTER_OUTAGE, () -> parents().stream()
                .findFirst());
        t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the buttons");
        assertEquals(0, t.posts().get(0).status(), "the first post was never answered");
        assertEquals(1, parents().size());
    }

    private List<PostedMessage> parents() {
        return t.slack.messages(BotUnderTest.CHANNEL).stream()
                .filter(m -> m.byBot() && m.threadTs() == null)
                .toList();
    }
}
