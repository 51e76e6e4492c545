package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry one iteration of a {@code forEach} remediation records: which remediation, the
 * iteration's place ({@code index} from 1, of {@code count}), the item as people read it, the {@code result} ({@code
 * DONE} or {@code FAILED}) and, for a failure, why. The item comes from diagnostic facts (alert data): it is stored as
 * data, never interpreted.
 */
public record LoopIterationDetail(String remediation, int index, int count, String item, String result, String reason)
        implements TimelineDetail {
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public LoopIterationDetail {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(result, "result");
    }
}
