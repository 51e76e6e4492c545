package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.slack.RateLimitPolicy;
import dev.runbookbot.slack.SlackConnection;
import dev.runbookbot.slack.SlackHandlers;
import dev.runbookbot.slack.SlackResult;
import dev.runbookbot.slack.SlackSettings;
import dev.runbookbot.slack.SlackTransport;
import dev.runbookbot.slack.SlackWebApi;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Slack side of PB3/PB4 with the fake Slack on loopback: Web API round trip through the fake (so we know the fake
 * does not dominate), Socket Mode ack latency for sequential commands and for a burst, and command-to-first-post
 * latency. Prints percentiles; asserts only that every envelope was acknowledged and every post made.
 */
class SlackAckLatencyBench {
    private static final int SEQUENTIAL = 300;
    private static final int BURST = 50;
    /**
     * Each in a channel of its own, so that the figure is the bot's and not Slack's one message a second per channel
     * (the paced figure is {@code SlackBudgetBench}'s).
     */
    private static final int POSTS = 30;

    @Test
    void ackAndFirstPostLatency() throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            SlackSettings settings = new SlackSettings(
                    new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                    new Secret("SLACK_APP_TOKEN", slack.appToken()),
                    slack.apiUrl(),
                    slack.home().teamId(),
                    slack.home().apiAppId(),
                    Duration.ofSeconds(10));
            ThreadPoolExecutor work =
                    new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000));
            try (SlackTransport transport = new SlackTransport(settings)) {
                SlackWebApi api = new SlackWebApi(transport, settings, RateLimitPolicy.DEFAULT);
                SlackHandlers handlers = new SlackHandlers(
                        command -> {
                            if (command.text().startsWith("post")) {
                                api.postMessage(
                                        command.channelId(),
                                        null,
                                        MessageBuilder.message("runbookctl timeline INC-1")
                                                .textSection(command.text())
                                                .build(command.text()));
                            }
                        },
                        Map.of(),
                        home -> {});
                ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
                try (SlackConnection connection =
                        new SlackConnection(settings, transport, api, handlers, work, reconnects)) {
                    connection.start();
                    assertTrue(connection.awaitConnected(Duration.ofSeconds(10)));
                    slack.awaitConnection();

                    webApiRoundTrip(api);
                    sequentialAcks(slack);
                    burstAcks(slack);
                    commandToFirstPost(slack);
                } finally {
                    reconnects.shutdownNow();
                }
            } finally {
                work.shutdownNow();
            }
        }
    }

    private static void webApiRoundTrip(SlackWebApi api) {
        for (int i = 0; i < 50; i++) {
            api.channelInfo("C111");
        }
        double[] millis = new double[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            long start = System.nanoTime();
            SlackResult<?> r = api.channelInfo("C111");
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertTrue(r.isOk(), r.describe());
        }
        System.out.println("[slack] Web API round trip via the fake (conversations.info): "
                + Percentiles.of(millis).format("ms"));
    }

    private static void sequentialAcks(FakeSlack slack) {
        double[] millis = new double[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            SentEnvelope sent = slack.sendSlashCommand("/runbook", "help", "U111", "C111");
            slack.awaitAck(sent.envelopeId());
            millis[i] = slack.ackLatency(sent.envelopeId()).toNanos() / 1e6;
        }
        System.out.println("[slack] ack latency, " + SEQUENTIAL + " sequential commands: "
                + Percentiles.of(millis).format("ms") + " (budget 3000 ms)");
    }

    private static void burstAcks(FakeSlack slack) {
        List<SentEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            sent.add(slack.sendSlashCommand("/runbook", "help", "U111", "C111"));
        }
        double[] millis = new double[BURST];
        for (int i = 0; i < BURST; i++) {
            slack.awaitAck(sent.get(i).envelopeId());
            millis[i] = slack.ackLatency(sent.get(i).envelopeId()).toNanos() / 1e6;
        }
        System.out.println("[slack] ack latency, burst of " + BURST + " commands: "
                + Percentiles.of(millis).format("ms"));
    }

    private static void commandToFirstPost(FakeSlack slack) {
        double[] millis = new double[POSTS];
        for (int i = 0; i < POSTS; i++) {
            String text = "post " + i;
            String channel = String.format(Locale.ROOT, "C8%03d", i);
            slack.addChannel(FakeChannel.publicWithBot(channel, "post-" + i));
            SentEnvelope sent = slack.sendSlashCommand("/runbook", text, "U111", channel);
            RecordedCall post =
                    slack.awaitCall("chat.postMessage", c -> c.param("text").equals(text));
            millis[i] = (post.receivedNanos() - sent.sentNanos()) / 1e6;
        }
        assertEquals(POSTS, slack.calls("chat.postMessage").size());
        System.out.println("[slack] command to first chat.postMessage at the fake: "
                + Percentiles.of(millis).format("ms"));
    }
}
