package dev.runbookbot.remediate;

import dev.runbookbot.diagnose.DiagnosticResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One diagnostic step before and after a remediation: {@code before} is its result in the diagnosis that proposed the
 * remediation (empty when that diagnosis is no longer known), {@code after} its result when the recovery check ran it
 * again.
 */
public record StepComparison(String stepId, String name, Optional<DiagnosticResult> before, DiagnosticResult after) {
    public StepComparison {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** {@code check_db: critical -> healthy}, or {@code check_db: healthy} when the before state is unknown. */
    public String describe() {
        return stepId + ": "
                + before.map(b -> b.status().label() + " -> ").orElse("")
                + after.status().label();
    }
}
