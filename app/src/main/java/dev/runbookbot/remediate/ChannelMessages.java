package dev.runbookbot.remediate;

import dev.runbookbot.audit.ChatPost;

/**
 * Posts a message to a chat channel outside any thread: what a {@code notify} action needs of the chat. The chat
 * gateway implements it; a refusal or a delay comes back as a {@link ChatPost} value, never as an exception.
 * Thread-safe.
 */
@FunctionalInterface
public interface ChannelMessages {
    ChatPost post(String channel, String text);
}
