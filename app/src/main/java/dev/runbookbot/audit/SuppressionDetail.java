package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of the timeline entry a suppression records: the runbook, the {@code suppress} remediation that ended the
 * incident as expected, the decision that chose it, its reason (rendered), and the remediations it kept from being
 * proposed (comma-separated).
 */
public record SuppressionDetail(String runbook, String remediation, String chosenBy, String reason, String notProposed)
        implements TimelineDetail {
    public SuppressionDetail {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(reason, "reason");
    }
}
