package dev.runbookbot.audit;

import java.util.List;
import java.util.Objects;

/**
 * The detail of the timeline entry a recovery check records after a remediation: which remediation, the verdict
 * ({@code RECOVERED}, {@code NOT_RECOVERED}, {@code INCONCLUSIVE}), why, the decisions that led to the remediation and
 * each step's status before and after. Every text is masked by the writer before it is stored.
 */
public record RecoveryCheckDetail(
        String remediation, String verdict, String reason, List<String> decisions, List<Step> steps)
        implements TimelineDetail {
    public RecoveryCheckDetail {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * One step re-run by the check. {@code before} and {@code beforeReason} are null when the step had no result before
     * the remediation (they are left out of the stored detail).
     */
    public record Step(
            String step, String before, String beforeReason, String after, String afterReason, String afterEvidence) {}
}
