package dev.runbookbot.slack;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.slack.FakeSlack;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Slack adapter wired as production wires it, against a {@link FakeSlack}: transport, Web API wrapper, Socket Mode
 * connection, recording handlers and a counting work executor. Closes everything it started, the fake included.
 */
final class BotOnFakeSlack implements AutoCloseable {
    final FakeSlack slack;
    final SlackSettings settings;
    final SlackTransport transport;
    final SlackWebApi webApi;
    final RecordingHandlers handlers = new RecordingHandlers();
    final CountingExecutor work = new CountingExecutor();
    /** Runs the reconnect checks of {@link #connection} (and of any other connection a test makes here). */
    final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();

    final SlackConnection connection;

    BotOnFakeSlack(FakeSlack slack) {
        this.slack = slack;
        this.settings = new SlackSettings(
                new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                new Secret("SLACK_APP_TOKEN", slack.appToken()),
                slack.apiUrl(),
                slack.home().teamId(),
                slack.home().apiAppId(),
                Duration.ofSeconds(5));
        this.transport = new SlackTransport(settings);
        this.webApi = new SlackWebApi(transport, settings, RateLimitPolicy.DEFAULT);
        this.connection = new SlackConnection(settings, transport, webApi, handlers.handlers(), work, reconnects);
    }

    /** A fake Slack and the adapter connected to it. */
    static BotOnFakeSlack connected() throws InterruptedException {
        BotOnFakeSlack bot = new BotOnFakeSlack(FakeSlack.start());
        bot.connection.start();
        if (!bot.connection.awaitConnected(Duration.ofSeconds(10))) {
            bot.close();
            throw new AssertionError("the bot did not connect to the fake Slack within 10 s\n" + bot.slack.log());
        }
        bot.slack.awaitConnection();
        return bot;
    }

    @Override
    public void close() {
        connection.close();
        reconnects.shutdownNow();
        work.close();
        transport.close();
        slack.close();
    }
}
