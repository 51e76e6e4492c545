package dev.runbookbot.audit;

import java.util.Objects;

/** The detail of the timeline entry a refused request to run a remediation records: the refusal's kind and its reason. */
public record RunRefusalDetail(String refused, String reason) implements TimelineDetail {
    public RunRefusalDetail {
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(reason, "reason");
    }
}
