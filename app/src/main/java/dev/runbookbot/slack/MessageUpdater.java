package dev.runbookbot.slack;

import dev.runbookbot.slack.render.SlackMessage;

/**
 * Replaces the content of a posted message; {@link SlackWebApi#update} in production. The seam that lets {@link
 * MessageUpdateCoalescer} be tested without Slack. Implementations block until the update is done and must be
 * thread-safe.
 */
@FunctionalInterface
public interface MessageUpdater {
    SlackResult<MessageRef> update(MessageRef message, SlackMessage content, SendPriority priority);
}
