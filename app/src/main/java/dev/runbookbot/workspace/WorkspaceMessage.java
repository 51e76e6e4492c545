package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message as the workspace holds it: top-level ({@code threadTs} null) or a reply; {@code blocks} as the bot sent
 * them (a JSON array, possibly empty); {@code edited} once {@code chat.update} changed it. Ephemeral replies carry the
 * one person who sees them in {@code visibleTo} (null for everyone).
 */
public record WorkspaceMessage(
        String channelId,
        String ts,
        String threadTs,
        String userId,
        String text,
        JsonNode blocks,
        boolean edited,
        String visibleTo) {

    WorkspaceMessage edit(String newText, JsonNode newBlocks) {
        return new WorkspaceMessage(channelId, ts, threadTs, userId, newText, newBlocks, true, visibleTo);
    }
}
