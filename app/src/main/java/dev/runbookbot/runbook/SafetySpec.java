package dev.runbookbot.runbook;

import java.time.Duration;
import java.util.List;

/**
 * The guard rails of a remediation. {@code safe} marks it fit for unattended runs; {@code requiresApproval} always
 * wins over {@code safe}. {@code scopes} lists the environments it may run in (empty: any). An approval request
 * expires after {@code approvalTimeout} (default 120 s, as in the seed's guard).
 */
public record SafetySpec(boolean requiresApproval, boolean safe, List<String> scopes, Duration approvalTimeout) {
    public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofSeconds(120);

    public SafetySpec {
        scopes = List.copyOf(scopes);
    }

    /** A human must approve unless the step is explicitly safe and does not require approval. */
    public boolean needsHuman() {
        return requiresApproval || !safe;
    }
}
