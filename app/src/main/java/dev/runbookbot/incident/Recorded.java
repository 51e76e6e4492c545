package dev.runbookbot.incident;

import java.util.Objects;

/**
 * The answer to an idempotent create: the record, and whether it already existed. {@code duplicate} true means an
 * equivalent request was recorded before (the same alert again, a retried command) and {@code value} is that record.
 */
public record Recorded<T>(T value, boolean duplicate) {
    public Recorded {
        Objects.requireNonNull(value, "value");
    }

    public static <T> Recorded<T> created(T value) {
        return new Recorded<>(value, false);
    }

    public static <T> Recorded<T> existing(T value) {
        return new Recorded<>(value, true);
    }
}
