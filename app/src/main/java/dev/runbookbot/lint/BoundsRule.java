package dev.runbookbot.lint;

import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.text.DurationText;
import java.time.Duration;

/**
 * Times and counts are positive and bounded: a diagnostic timeout (at most 10 minutes: diagnostics collect evidence,
 * and the slowest one sets the pace of the whole run), the approval timeout (at most a day), escalation delay (at
 * most a day) and the number of approvers.
 */
final class BoundsRule implements RunbookRule {
    static final Duration MAX_DIAGNOSTIC_TIMEOUT = Duration.ofMinutes(10);
    static final Duration MAX_APPROVAL_TIMEOUT = Duration.ofDays(1);
    static final int MAX_ESCALATE_AFTER_MINUTES = 24 * 60;

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            duration(
                    f,
                    Findings.child(f.pathOf(diagnostic), "timeout"),
                    diagnostic.timeout(),
                    MAX_DIAGNOSTIC_TIMEOUT,
                    "diagnostics should answer quickly; split a slow check or query a precomputed metric");
        }
        for (RemediationSpec remediation : runbook.remediations()) {
            if (remediation.safety() != null) {
                duration(
                        f,
                        Findings.child(Findings.child(f.pathOf(remediation), "safety"), "approvalTimeout"),
                        remediation.safety().approvalTimeout(),
                        MAX_APPROVAL_TIMEOUT,
                        "an approval that waits longer is better asked again");
            }
        }
        if (runbook.escalation() != null) {
            int minutes = runbook.escalation().escalateAfterMinutes();
            String path = "escalation.escalateAfterMinutes";
            if (minutes <= 0) {
                f.error(path, "'escalateAfterMinutes' must be positive, found " + minutes, "");
            } else if (minutes > MAX_ESCALATE_AFTER_MINUTES) {
                f.error(
                        path,
                        "'escalateAfterMinutes' of " + minutes + " exceeds the maximum of "
                                + MAX_ESCALATE_AFTER_MINUTES,
                        "an unacknowledged incident should escalate within a day");
            }
        }
        if (runbook.approval() != null
                && !runbook.approval().approvers().isEmpty()
                && runbook.approval().requiredApprovals()
                        > runbook.approval().approvers().size()) {
            f.error(
                    "approval.required",
                    "approval requires " + runbook.approval().requiredApprovals() + " approvers but lists only "
                            + runbook.approval().approvers().size(),
                    "");
        }
    }

    private static void duration(Findings f, String path, Duration value, Duration max, String hint) {
        if (value == null) {
            return;
        }
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (value.isNegative() || value.isZero()) {
            f.error(path, "'" + key + "' must be positive, found " + DurationText.format(value), "");
        } else if (value.compareTo(max) > 0) {
            f.error(
                    path,
                    "'" + key + "' of " + DurationText.format(value) + " exceeds the maximum of "
                            + DurationText.format(max),
                    hint);
        }
    }
}
