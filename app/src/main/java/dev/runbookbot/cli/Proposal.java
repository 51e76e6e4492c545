package dev.runbookbot.cli;

import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TextTemplates;
import dev.runbookbot.runbook.ApprovalWording;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * One remediation of a plan as the thread would propose it, with a manual step's instructions filled from the
 * incident's inputs: how it is carried out (a person follows instructions, the
 * bot acts after approval, or the bot acts unattended) and, for an action, exactly what would run (for a {@code forEach},
 * for each item, read from the diagnosis: {@code context} holds its results). The approval rule
 * is the bot's ({@link RunbookSpec#approvalsNeeded}): an action needs {@code approval.requiredApprovals} approvers
 * unless it is marked {@code safe} and does not set {@code requiresApproval}, an escalation only when it sets
 * {@code requiresApproval}; a manual step is marked done by a person.
 */
record Proposal(
        PlannedRemediation planned,
        Mode mode,
        int approvals,
        Optional<ActionText> action,
        Optional<String> instructions,
        Optional<LoopRendering> loop) {
    /** How a proposed remediation is carried out. */
    enum Mode {
        /** A person follows the instructions and marks it done. */
        MANUAL,
        /** The bot acts once enough approvers have approved. */
        NEEDS_APPROVAL,
        /** Marked safe: the bot acts without asking. */
        UNATTENDED,
        /** The incident continues under another runbook, whose remediations are approved as it says. */
        HANDOFF,
        /** The alert is expected: the incident is resolved with the reason. */
        SUPPRESS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Proposal of(RunbookSpec runbook, PlannedRemediation planned, TemplateContext context) {
        RemediationSpec remediation = planned.remediation();
        Mode mode;
        int approvals = 0;
        if (remediation.type() == RemediationType.MANUAL) {
            mode = Mode.MANUAL;
        } else if (remediation.type() == RemediationType.HANDOFF) {
            mode = Mode.HANDOFF;
        } else if (remediation.type() == RemediationType.SUPPRESS) {
            mode = Mode.SUPPRESS;
        } else {
            approvals = runbook.approval() == null
                    ? (needsApproval(remediation) ? 1 : 0)
                    : runbook.approvalsNeeded(remediation);
            mode = approvals > 0 ? Mode.NEEDS_APPROVAL : Mode.UNATTENDED;
        }
        return new Proposal(
                planned,
                mode,
                approvals,
                remediation.forEach().isPresent()
                        ? Optional.empty()
                        : remediation.action().map(a -> ActionText.render(a, context)),
                remediation.instructions().map(text -> TextTemplates.render(text, context)),
                remediation.forEach().isPresent() && remediation.action().isPresent()
                        ? Optional.of(LoopRendering.of(remediation, context))
                        : Optional.empty());
    }

    /** The bot's rule ({@link RunbookSpec#approvalsNeeded}): an escalation waits only when it sets requiresApproval. */
    private static boolean needsApproval(RemediationSpec remediation) {
        return remediation.type() == RemediationType.ESCALATE
                ? remediation.safety().requiresApproval()
                : remediation.safety().needsHuman();
    }

    /** Whether the bot waits for an approval before it acts. */
    boolean waitsForApproval() {
        return mode == Mode.NEEDS_APPROVAL;
    }

    RemediationSpec remediation() {
        return planned.remediation();
    }

    /** "automated, needs approval (1 approver)", "manual: a person follows the instructions", ... */
    String howText() {
        String type = remediation().type().name().toLowerCase(Locale.ROOT);
        if (remediation().type() == RemediationType.ESCALATE) {
            return type + ": " + ApprovalWording.of(remediation(), approvals);
        }
        return switch (mode) {
            case MANUAL -> "manual: a person follows the instructions and marks it done";
            case NEEDS_APPROVAL ->
                type + ", needs approval (" + approvals + (approvals == 1 ? " approver)" : " approvers)");
            case UNATTENDED -> type + ", marked safe: runs without approval";
            case SUPPRESS -> "suppress: the alert is expected; the incident is resolved";
            case HANDOFF ->
                "hand-off: the incident continues under runbook "
                        + remediation().handOff().map(h -> h.runbook()).orElse("?");
        };
    }
}
