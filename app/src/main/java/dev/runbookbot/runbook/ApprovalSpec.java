package dev.runbookbot.runbook;

import java.util.List;

/**
 * Who may approve remediations of a runbook: Slack user ids ({@code U…}/{@code W…}) and user-group ids
 * ({@code S…}), never display names, and how many distinct approvers a step needs. An empty approver list means the
 * bot's global approvers from configuration.
 */
public record ApprovalSpec(List<String> approvers, int requiredApprovals) {
    public ApprovalSpec {
        approvers = List.copyOf(approvers);
        requiredApprovals = Math.max(1, requiredApprovals);
    }

    public static ApprovalSpec defaults() {
        return new ApprovalSpec(List.of(), 1);
    }
}
