package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.slack.render.SlackMessage;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.FaultRule;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 20-step run's progress updates against the fake Slack: few {@code chat.update} calls, the last state shown. */
class MessageUpdateCoalescerIT {
    private FakeSlack slack;
    private SlackTransport transport;
    private SlackWebApi api;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        SlackSettings settings = new SlackSettings(
                new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                new Secret("SLACK_APP_TOKEN", slack.appToken()),
                slack.apiUrl(),
                "T111",
                "A111",
                Duration.ofSeconds(5));
        transport = new SlackTransport(settings);
        api = new SlackWebApi(transport, settings, RateLimitPolicy.DEFAULT);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "slack-web-api-test"));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        transport.close();
        slack.close();
    }

    @Test
    void twentyStepsOfProgressBecomeAFewUpdatesEndingWithTheFinalState() throws Exception {
        MessageRef parent = posted(progress(0));
        MessageUpdateCoalescer coalescer =
                new MessageUpdateCoalescer(api::update, scheduler, MessageUpdateCoalescer.DEFAULT_INTERVAL);

        for (int step = 1; step <= 20; step++) {
            coalescer.submit(parent, progress(step));
        }
        SlackResult<MessageRef> last = coalescer.flush(parent).get(30, TimeUnit.SECONDS);

        assertTrue(last.isOk(), last.describe());
        List<RecordedCall> updates = slack.calls("chat.update");
        assertTrue(updates.size() <= 2, "20 updates were coalesced into " + updates.size() + "\n" + slack.log());
        PostedMessage shown = slack.message(parent.ts()).orElseThrow();
        assertTrue(shown.allText().contains("20 of 20 steps done"), shown.allText());
    }

    @Test
    void theFinalUpdateGetsThroughARateLimit() throws Exception {
        MessageRef parent = posted(progress(0));
        slack.inject(FaultRule.on("chat.update", Fault.rateLimited(1)).times(2));
        MessageUpdateCoalescer coalescer =
                new MessageUpdateCoalescer(api::update, scheduler, MessageUpdateCoalescer.DEFAULT_INTERVAL);

        coalescer.submit(parent, progress(20));
        SlackResult<MessageRef> last = coalescer.flush(parent).get(30, TimeUnit.SECONDS);

        assertTrue(last.isOk(), last.describe());
        assertEquals(List.of(), slack.callsInsideRetryAfterWindows(), slack.log());
        assertTrue(slack.message(parent.ts()).orElseThrow().allText().contains("20 of 20 steps done"));
    }

    private MessageRef posted(SlackMessage message) {
        SlackResult<MessageRef> result = api.postMessage("C111", null, message);
        assertTrue(result.isOk(), result.describe());
        return ((SlackResult.Ok<MessageRef>) result).value();
    }

    private static SlackMessage progress(int done) {
        return MessageBuilder.message("runbookctl timeline INC-20")
                .header("payments-slow: diagnosing")
                .textSection(done + " of 20 steps done")
                .build("payments-slow: " + done + " of 20 steps done");
    }
}
