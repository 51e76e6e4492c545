package dev.runbookbot.runbook;

/**
 * The one sentence that says whether a remediation waits for an approval, so that the Slack thread, the dry-run
 * preview and {@code runbookctl} reports say the same thing (issue: an {@code escalate} step's text must say clearly
 * whether it waits). The count is {@link RunbookSpec#approvalsNeeded}, the rule the bot applies.
 */
public final class ApprovalWording {
    private ApprovalWording() {}

    /** "waits for 1 approval before it escalates", "does not wait for an approval", ... */
    public static String of(RemediationSpec remediation, int approvalsNeeded) {
        if (remediation.type() == RemediationType.MANUAL) {
            return "a person carries it out; no approval is asked for";
        }
        boolean escalation = remediation.type() == RemediationType.ESCALATE;
        String act = escalation ? "escalates" : "runs";
        if (approvalsNeeded == 0) {
            return escalation ? "does not wait for an approval" : "runs without waiting for an approval";
        }
        return "waits for " + approvalsNeeded + (approvalsNeeded == 1 ? " approval" : " approvals") + " before it "
                + act;
    }
}
