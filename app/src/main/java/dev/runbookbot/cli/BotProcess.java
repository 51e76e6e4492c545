package dev.runbookbot.cli;

import java.time.Duration;

/** The Slack bot as {@code runbookctl bot} runs it; {@code runtime} builds it from the configuration. */
public interface BotProcess {
    /**
     * Builds and connects the bot; returns once the link to Slack is being opened.
     *
     * @param initDatabase create the database even though the bot has used one at that path before ({@code --init}):
     *     without it, a missing database file that the bot has run with is refused instead of silently recreated empty
     * @throws RuntimeException with a message for the person at the terminal when the bot cannot start (a missing
     *     token, runbooks with errors, an unusable database)
     */
    void start(boolean initDatabase);

    /** Waits until the bot is connected to Slack; whether it was within {@code timeout}. */
    boolean awaitReady(Duration timeout) throws InterruptedException;

    /** Disconnects and releases everything; safe to call twice. */
    void stop();
}
