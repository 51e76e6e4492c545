package dev.runbookbot.remediate;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to propose a remediation run. {@code attempt} starts at 1; a retry after a failure is the next attempt.
 * {@code reason} says why it is proposed (the decision that chose it). {@code requiredApprovals} of 0 means the step is
 * safe for automation: the run is created already approved, and that transition is recorded. {@code approvalTimeout}:
 * how long the proposal stays approvable; the store turns it into an absolute deadline.
 */
public record NewRun(
        IncidentId incidentId,
        String remediationId,
        int attempt,
        String action,
        String preview,
        String requestedBy,
        String reason,
        int requiredApprovals,
        Optional<Duration> approvalTimeout) {
    public NewRun {
        Objects.requireNonNull(incidentId, "incidentId");
        NonBlank.require(remediationId, "remediation id");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
        NonBlank.require(action, "action");
        Objects.requireNonNull(preview, "preview");
        NonBlank.require(requestedBy, "requested by");
        NonBlank.require(reason, "reason");
        if (requiredApprovals < 0) {
            throw new IllegalArgumentException("required approvals must not be negative, got " + requiredApprovals);
        }
        Objects.requireNonNull(approvalTimeout, "approvalTimeout").ifPresent(timeout -> {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("approval timeout must be positive, got " + timeout);
            }
        });
    }
}
