package dev.runbookbot.remediate;

import java.util.Objects;

/** A guard's answer: the run may go on, or it is refused with a reason a person can act on. */
public sealed interface GuardDecision {
    /** Nothing in this guard's remit stops the run. */
    record Allow() implements GuardDecision {}

    /**
     * The run must not go on. {@code kind} lets the caller choose how to answer (Slack: an ephemeral message, "this
     * button is no longer valid" for {@link RefusalKind#EXPIRED}); {@code reason} says why and, when it can, what to do.
     */
    record Refuse(RefusalKind kind, String reason) implements GuardDecision {
        public Refuse {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }
    }

    static GuardDecision allow() {
        return new Allow();
    }

    /** A refusal of something the run's state or the runbook's rules do not allow. */
    static GuardDecision refuse(String reason) {
        return new Refuse(RefusalKind.NOT_ALLOWED, reason);
    }

    static GuardDecision refuse(RefusalKind kind, String reason) {
        return new Refuse(kind, reason);
    }

    default boolean allowed() {
        return this instanceof Allow;
    }
}
