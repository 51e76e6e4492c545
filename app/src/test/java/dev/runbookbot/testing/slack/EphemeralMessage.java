package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** A {@code chat.postEphemeral} message: shown to {@code userId} only, never stored in the channel. */
public record EphemeralMessage(
        String channel, String userId, String messageTs, String threadTs, String text, ArrayNode blocks) {}
