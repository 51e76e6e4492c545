package dev.runbookbot.remediate;

import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * Human in the loop (runbook-bots article): a remediation runs only when its run is {@link RunState#APPROVED} in the
 * store, and, unless the step is marked {@code safe} and does not set {@code requiresApproval} ({@code
 * requiresApproval} always wins), approved by as many distinct people as the runbook's {@code approval.required} asks
 * (at least one). The count is read from the stored approvals, never from the request, so a run proposed with fewer
 * required approvals than the runbook now asks for is refused as well. A proposal whose approval deadline has passed is
 * refused as {@link RefusalKind#EXPIRED}: an unanswered approval never turns into a run.
 *
 * <p>Who may approve (the approver list, four eyes on P1, the Slack team) is checked when the click arrives, by the
 * approval policy of the caller; this guard checks that enough approvals were recorded. Stateless and thread-safe.
 */
public final class ApprovalGuard implements Guard {
    /**
     * How many approvals a run of {@code remediation} needs: 0 for a manual step (the person who does it is the human
     * in the loop) and for an automated step marked safe for automation without {@code requiresApproval}; 0 for an
     * escalation unless it sets {@code requiresApproval}; otherwise the runbook's {@code approval.required}, at least 1.
     * {@link RemediationPipeline#proposal} proposes runs with this number, and this guard checks it again at execution.
     */
    public static int requiredApprovals(RunbookSpec runbook, RemediationSpec remediation) {
        return runbook.approvalsNeeded(remediation);
    }

    @Override
    public GuardDecision check(GuardContext context) {
        RemediationRun run = context.run();
        Optional<GuardDecision> byState = byState(run, context.at());
        if (byState.isPresent()) {
            return byState.get();
        }
        int required = requiredApprovals(
                context.remediation().runbook(), context.remediation().remediation());
        if (required == 0) {
            return GuardDecision.allow();
        }
        long people = run.approvals().stream()
                .map(Approval::approver)
                .filter(approver -> !approver.equals(RemediationLifecycle.BOT))
                .distinct()
                .count();
        if (run.requiredApprovals() < required || people < required) {
            return GuardDecision.refuse(run.label() + " has " + people + " of " + required + " required "
                    + (required == 1 ? "approval" : "approvals") + " from people: "
                    + why(context.remediation().remediation())
                    + "; propose it again so it can be approved");
        }
        return GuardDecision.allow();
    }

    private static Optional<GuardDecision> byState(RemediationRun run, Instant at) {
        return switch (run.state()) {
            case APPROVED -> Optional.empty();
            case PROPOSED -> {
                Optional<Instant> deadline = run.approvalDeadline().filter(d -> !at.isBefore(d));
                if (deadline.isPresent()) {
                    yield Optional.of(GuardDecision.refuse(
                            RefusalKind.EXPIRED,
                            run.label() + ": its approval window closed at " + deadline.get() + " with "
                                    + run.approvals().size() + " of " + run.requiredApprovals()
                                    + " approvals; it cannot run; propose it again"));
                }
                yield Optional.of(GuardDecision.refuse(run.label() + " " + RemediationLifecycle.describe(run)
                        + "; it cannot run before it is" + " approved"));
            }
            case EXPIRED ->
                Optional.of(GuardDecision.refuse(
                        RefusalKind.EXPIRED,
                        run.label() + " " + RemediationLifecycle.describe(run) + "; propose it again"));
            case RUNNING, SUCCEEDED ->
                Optional.of(GuardDecision.refuse(
                        RefusalKind.ALREADY_DONE, run.label() + " " + RemediationLifecycle.describe(run)));
            case REJECTED, FAILED, INTERRUPTED, CANCELLED ->
                Optional.of(GuardDecision.refuse(run.label() + " " + RemediationLifecycle.describe(run)
                        + "; it cannot run again; propose a new attempt"));
        };
    }

    private static String why(RemediationSpec remediation) {
        if (remediation.safety().requiresApproval()) {
            return "the runbook sets requiresApproval";
        }
        return "it is not marked safe for automation";
    }
}
