package dev.runbookbot.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What must be true when a remediation executes, not only when it was proposed. {@code require} is a condition (CEL,
 * like a decision's) over the facts of the diagnostic steps it reads, {@code params}, {@code labels}, {@code
 * annotations} and {@code now}: after approval those steps run again, fresh, and the run goes ahead only if it still
 * holds. {@code after} names remediations of the same runbook that must have succeeded in the same incident first
 * (cordon, then drain). Both are checked as guards at execution; neither gives anyone authority.
 */
public record PreconditionSpec(Optional<String> require, List<String> after) {
    private static final PreconditionSpec NONE = new PreconditionSpec(Optional.empty(), List.of());

    public PreconditionSpec {
        Objects.requireNonNull(require, "require");
        after = List.copyOf(after);
    }

    /** No precondition and no ordering. */
    public static PreconditionSpec none() {
        return NONE;
    }

    /** True when nothing is required and nothing must come first. */
    public boolean isEmpty() {
        return require.isEmpty() && after.isEmpty();
    }
}
