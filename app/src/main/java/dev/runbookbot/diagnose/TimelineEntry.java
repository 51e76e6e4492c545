package dev.runbookbot.diagnose;

import java.time.Instant;
import java.util.Objects;

/** One event of a run, with when it happened: a step finished, a decision matched, the plan was made. */
public record TimelineEntry(Instant at, String event) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }

    @Override
    public String toString() {
        return at + " " + event;
    }
}
