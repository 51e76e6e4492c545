package dev.runbookbot.diagnose;

import java.util.Objects;

/**
 * Whether a step runs, decided by its {@code when} once the steps it needs have finished: {@link Kind#RUN},
 * {@link Kind#SKIP} (the condition is false; the step reads {@code skipped}) or {@link Kind#FAIL} (the condition could
 * not be evaluated; the step reads {@code error}). {@code reason} says why for the last two.
 */
public record Admission(Kind kind, String reason) {
    /** What the runner does with the step. */
    public enum Kind {
        RUN,
        SKIP,
        FAIL
    }

    public static final Admission RUN = new Admission(Kind.RUN, "");

    public Admission {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Admission skip(String reason) {
        return new Admission(Kind.SKIP, reason);
    }

    public static Admission fail(String reason) {
        return new Admission(Kind.FAIL, reason);
    }
}
