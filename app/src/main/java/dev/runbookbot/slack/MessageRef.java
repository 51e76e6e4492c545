package dev.runbookbot.slack;

import dev.runbookbot.audit.ChatLocation;
import java.util.Objects;

/**
 * A message the bot posted: its channel and {@code ts}, which together identify it for {@code chat.update},
 * {@code chat.getPermalink} and thread replies ({@code thread_ts}).
 */
public record MessageRef(String channelId, String ts) {
    public MessageRef {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
    }

    /** The same place, as the core names it. */
    public ChatLocation location() {
        return new ChatLocation(channelId, ts);
    }
}
