package dev.runbookbot.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The Slack bot as {@code runbookctl bot} runs it; {@code runtime} builds it from the configuration. */
public interface BotProcess {
    /**
     * Builds and connects the bot; returns once the link to Slack is being opened.
     *
     * @param initDatabase create the database even though the bot has used one at that path before ({@code --init}):
     *     without it, a missing database file that the bot has run with is refused instead of silently recreated empty
     * @param local with a local workspace instead of Slack ({@code --local}): the bot talks to a Slack-like workspace
     *     in the same process, shown in the browser on the bot's web port
     * @throws RuntimeException with a message for the person at the terminal when the bot cannot start (a missing
     *     token, runbooks with errors, an unusable database)
     */
    void start(boolean initDatabase, boolean local);

    /** The local workspace's page once started with {@code local}; empty otherwise. */
    default Optional<URI> workspaceUrl() {
        return Optional.empty();
    }

    /** Waits until the bot is connected to Slack; whether it was within {@code timeout}. */
    boolean awaitReady(Duration timeout) throws InterruptedException;

    /** Disconnects and releases everything; safe to call twice. */
    void stop();
}
