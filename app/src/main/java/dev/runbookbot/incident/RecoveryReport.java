package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import java.util.List;

/**
 * What {@link IncidentStore#recover()} found and did after a restart, for the caller to say in each thread.
 *
 * @param interrupted runs that were running when the process stopped, now {@link RunState#INTERRUPTED}: post "state
 *     unknown, verify then re-approve"; never re-run them automatically
 * @param expired proposals whose approval deadline passed while the bot was down, now {@link RunState#EXPIRED}
 * @param awaitingApproval proposals still approvable, with their Slack message, to re-render in place
 * @param approvedNotStarted runs approved but never started: the approval stands; offer to start them
 * @param pendingEscalations open, unacknowledged incidents with an escalation deadline, to schedule again (a deadline
 *     already past is due at once)
 */
public record RecoveryReport(
        List<RemediationRun> interrupted,
        List<RemediationRun> expired,
        List<RemediationRun> awaitingApproval,
        List<RemediationRun> approvedNotStarted,
        List<Incident> pendingEscalations) {
    public RecoveryReport {
        interrupted = List.copyOf(interrupted);
        expired = List.copyOf(expired);
        awaitingApproval = List.copyOf(awaitingApproval);
        approvedNotStarted = List.copyOf(approvedNotStarted);
        pendingEscalations = List.copyOf(pendingEscalations);
    }
}
