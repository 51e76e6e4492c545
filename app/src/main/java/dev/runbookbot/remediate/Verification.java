package dev.runbookbot.remediate;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The recovery check after a remediation: the diagnostics that led to it, run again, compared step by step, and the
 * verdict. {@code decisions} are the labels of the decisions that proposed the remediation (the ones whose conditions
 * must no longer hold); {@code reason} explains the verdict in one sentence.
 */
public record Verification(
        IncidentId incidentId,
        RunId runId,
        String remediationId,
        Verdict verdict,
        String reason,
        List<String> decisions,
        List<StepComparison> steps,
        Instant at) {
    /** Whether the service recovered. */
    public enum Verdict {
        /** The deciding conditions no longer hold and no step is critical. */
        RECOVERED,
        /** A deciding condition still holds, or a step is critical. */
        NOT_RECOVERED,
        /**
         * Something could not be read (a step errored or read as unknown, a condition could not be evaluated, the check
         * itself failed), so recovery can be neither confirmed nor denied. Never reported as recovered.
         */
        INCONCLUSIVE
    }

    public Verification {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(remediationId, "remediationId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        decisions = List.copyOf(decisions);
        steps = List.copyOf(steps);
        Objects.requireNonNull(at, "at");
    }

    public boolean recovered() {
        return verdict == Verdict.RECOVERED;
    }
}
