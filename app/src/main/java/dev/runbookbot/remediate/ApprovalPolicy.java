package dev.runbookbot.remediate;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Who may approve, reject, run or mark done a remediation. Checked every time a click arrives, against the current
 * run, never against what the buttons showed when they were drawn.
 *
 * <ul>
 *   <li>The actor's team must be the bot's team (when one is configured): a Slack Connect user from another
 *       organisation cannot act.
 *   <li>Approvers are the runbook's {@code approval.approvers}, else the bot's configured approvers: user ids
 *       ({@code U…}/{@code W…}) and user groups ({@code S…}, resolved when the click arrives). When neither lists
 *       anyone, any member of the team may act.
 *   <li>On a P1 incident the person who triggered the run cannot approve their own remediation (four eyes).
 * </ul>
 */
public final class ApprovalPolicy {
    /** What the actor wants to do. */
    public enum Purpose {
        APPROVE,
        REJECT,
        RUN,
        MARK_DONE
    }

    private final List<String> defaultApprovers;
    private final String expectedTeamId;
    private final ApproverDirectory directory;

    public ApprovalPolicy(List<String> defaultApprovers, String expectedTeamId, ApproverDirectory directory) {
        this.defaultApprovers = List.copyOf(defaultApprovers);
        this.expectedTeamId = expectedTeamId == null ? "" : expectedTeamId;
        this.directory = directory;
    }

    /** Empty when allowed; otherwise the reason, written for the person who clicked. */
    public Optional<String> refusal(
            Actor actor, Purpose purpose, RemediationTarget incident, RunbookSpec runbook, RemediationRun run) {
        if (!expectedTeamId.isEmpty() && !expectedTeamId.equals(actor.teamId())) {
            return Optional.of("you are not a member of this workspace's team, so you cannot act on its incidents");
        }
        List<String> approvers = runbook.approval().approvers().isEmpty()
                ? defaultApprovers
                : runbook.approval().approvers();
        if (!approvers.isEmpty() && !isListed(actor.userId(), approvers)) {
            return Optional.of("only the approvers of runbook " + runbook.id() + " may " + verb(purpose)
                    + " its remediations (" + String.join(", ", approvers)
                    + ")");
        }
        if (purpose == Purpose.APPROVE
                && incident.severity() == Severity.P1
                && actor.userId().equals(run.requestedBy())) {
            return Optional.of(
                    "this is a P1 incident and you triggered the run: someone else has to approve it" + " (four eyes)");
        }
        return Optional.empty();
    }

    private boolean isListed(String userId, List<String> approvers) {
        for (String entry : approvers) {
            if (entry.equals(userId)) {
                return true;
            }
            if (entry.startsWith("S") && directory.membersOf(entry).contains(userId)) {
                return true;
            }
        }
        return false;
    }

    private static String verb(Purpose purpose) {
        return switch (purpose) {
            case APPROVE -> "approve";
            case REJECT -> "reject";
            case RUN -> "run";
            case MARK_DONE -> "mark done";
        };
    }
}
