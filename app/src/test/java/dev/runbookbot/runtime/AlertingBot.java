package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole bot in-process ({@link BotRuntime}, as {@code runbookctl bot} builds it) in an {@link AlertingWorld}
 * (the fake Slack over its WebSocket, a primary, secondary and fallback channel, the webhook token), on the test's
 * clock and with chat updates coalesced every 200 ms: started and connected, for integration tests that drive alerts
 * through the webhook. {@link #close()} stops the bot, then the world.
 */
final class AlertingBot implements AutoCloseable {
    final AlertingWorld world;
    final BotRuntime bot;

    private AlertingBot(AlertingWorld world, BotRuntime bot) {
        this.world = world;
        this.bot = bot;
    }

    /** Starts the bot in a new world under {@code dir} and waits up to {@code wait} for it to connect. */
    static AlertingBot start(Path dir, Clock clock, Duration wait) throws Exception {
        AlertingWorld world = new AlertingWorld(dir);
        BotRuntime bot;
        try {
            Map<String, String> env = world.env(0);
            bot = BotRuntime.builder(Settings.load(Optional.empty(), env))
                    .clock(clock)
                    .environment(env)
                    .chatUpdateInterval(Duration.ofMillis(200))
                    .build();
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
        AlertingBot running = new AlertingBot(world, bot);
        try {
            bot.start();
            assertTrue(bot.awaitReady(wait), "the bot did not connect to the fake Slack\n" + world.slack.log());
        } catch (Exception | AssertionError e) {
            running.close();
            throw e;
        }
        return running;
    }

    @Override
    public void close() throws Exception {
        try {
            bot.stop();
        } finally {
            world.close();
        }
    }
}
