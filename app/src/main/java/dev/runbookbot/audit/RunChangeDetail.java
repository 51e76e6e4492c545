package dev.runbookbot.audit;

import java.util.Objects;

/**
 * The detail of a timeline entry a remediation run's change records: which run and remediation, the attempt, the
 * action, the state it left ({@code from}, null for a proposal) and entered, the approvals it has and needs, and what
 * the change adds: the preview of a proposal, the reason of a transition, the (masked, capped) output of a finish.
 * Absent parts are null and left out of the stored detail.
 */
public record RunChangeDetail(
        long run,
        String remediation,
        int attempt,
        String action,
        String from,
        String to,
        int approvals,
        int required,
        String preview,
        String reason,
        String output)
        implements TimelineDetail {
    public RunChangeDetail {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(to, "to");
    }

    /** The run as it is after the change, without preview, reason or output. */
    public static RunChangeDetail of(
            long run,
            String remediation,
            int attempt,
            String action,
            String from,
            String to,
            int approvals,
            int required) {
        return new RunChangeDetail(run, remediation, attempt, action, from, to, approvals, required, null, null, null);
    }

    public RunChangeDetail withPreview(String text) {
        return new RunChangeDetail(
                run, remediation, attempt, action, from, to, approvals, required, text, reason, output);
    }

    public RunChangeDetail withReason(String text) {
        return new RunChangeDetail(
                run, remediation, attempt, action, from, to, approvals, required, preview, text, output);
    }

    public RunChangeDetail withOutput(String text) {
        return new RunChangeDetail(
                run, remediation, attempt, action, from, to, approvals, required, preview, reason, text);
    }
}
