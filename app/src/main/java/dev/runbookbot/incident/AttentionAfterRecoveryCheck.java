package dev.runbookbot.incident;

import dev.runbookbot.remediate.Verification;
import dev.runbookbot.remediate.VerificationListener;
import java.util.Objects;

/**
 * Moves the incident on when a recovery check has its verdict: recovered, it is open again; not recovered or
 * inconclusive, it needs a person ({@link AfterRemediation}). Runs beside {@link ThreadVerificationReport}, which shows
 * the evidence.
 */
public final class AttentionAfterRecoveryCheck implements VerificationListener {
    private final AfterRemediation after;

    public AttentionAfterRecoveryCheck(AfterRemediation after) {
        this.after = Objects.requireNonNull(after, "after");
    }

    @Override
    public void verified(Verification verification) {
        boolean recovered = verification.verdict() == Verification.Verdict.RECOVERED;
        String reason =
                switch (verification.verdict()) {
                    case RECOVERED -> "recovered after " + verification.remediationId();
                    case NOT_RECOVERED -> "not recovered after " + verification.remediationId();
                    case INCONCLUSIVE -> "could not tell whether " + verification.remediationId() + " helped";
                };
        after.ended(verification.incidentId(), verification.runId(), recovered, reason);
    }
}
