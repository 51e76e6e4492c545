package dev.runbookbot.remediate;

import dev.runbookbot.audit.NonBlank;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One state change of a run: from what (empty for its creation) to what, who made it, when and why. A run's list of
 * these is its audit trail; nothing rewrites it.
 */
public record RunTransition(Optional<RunState> from, RunState to, String actor, Instant at, String reason) {
    public RunTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        NonBlank.require(actor, "actor");
        Objects.requireNonNull(at, "at");
        NonBlank.require(reason, "reason");
    }
}
