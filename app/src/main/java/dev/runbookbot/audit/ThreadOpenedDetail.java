package dev.runbookbot.audit;

import java.util.Objects;

/** The detail of the timeline entry the opening of an incident's thread records: where its parent message is. */
public record ThreadOpenedDetail(String channel, String ts) implements TimelineDetail {
    public ThreadOpenedDetail {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }
}
