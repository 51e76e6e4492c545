package dev.runbookbot.slack;

/**
 * Receives {@code /runbook} commands. Implemented by the incident flow.
 *
 * <p>Called on a worker thread of the executor given to {@link dev.runbookbot.slack.SlackConnection}, after Slack has
 * already been acknowledged, so it may take its time and do I/O. It is called concurrently for concurrent commands and
 * must be thread-safe. An exception it throws is logged and otherwise ignored: the user has no answer then, so answer
 * failures yourself (for example with an ephemeral message).
 */
@FunctionalInterface
public interface SlashCommandHandler {
    void onCommand(SlashCommand command);
}
