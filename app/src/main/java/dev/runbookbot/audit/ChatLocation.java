package dev.runbookbot.audit;

/**
 * Where a message lives in chat: a channel id and a message timestamp ({@code ts}), which together name a Slack message
 * and the thread under it. Stored so that after a restart the bot edits the same message instead of posting another.
 */
public record ChatLocation(String channel, String ts) {
    public ChatLocation {
        NonBlank.require(channel, "chat channel");
        NonBlank.require(ts, "chat message ts");
    }

    @Override
    public String toString() {
        return channel + "/" + ts;
    }
}
