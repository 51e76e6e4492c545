package dev.runbookbot.diagnose;

import java.util.Objects;
import java.util.Optional;

/** How one outcome reads: the status, why (in words for the incident thread), and for an error what kind it was. */
public record Interpretation(DiagnosticStatus status, String reason, Optional<FailureKind> failure) {
    public Interpretation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failure, "failure");
    }
}
