package dev.runbookbot.remediate;

import dev.runbookbot.audit.NonBlank;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer to a requested change: applied (with the value as it now is) or refused (with the reason, in words the
 * person who clicked can read). A refusal is an expected answer, not an error, so it is a value and never an exception.
 */
public sealed interface TransitionResult<T> {
    /** The change was made and recorded; {@code value} is the state after it. */
    record Applied<T>(T value) implements TransitionResult<T> {
        public Applied {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Nothing was changed. {@code kind} lets a caller choose how to answer; {@code reason} says why, for people. */
    record Refused<T>(RefusalKind kind, String reason) implements TransitionResult<T> {
        public Refused {
            Objects.requireNonNull(kind, "kind");
            NonBlank.require(reason, "reason");
        }
    }

    static <T> TransitionResult<T> applied(T value) {
        return new Applied<>(value);
    }

    static <T> TransitionResult<T> refused(RefusalKind kind, String reason) {
        return new Refused<>(kind, reason);
    }

    default boolean isApplied() {
        return this instanceof Applied;
    }

    /** The value when applied; empty when refused. */
    default Optional<T> appliedValue() {
        return this instanceof Applied<T> a ? Optional.of(a.value()) : Optional.empty();
    }

    /** The reason when refused; empty when applied. */
    default Optional<String> refusal() {
        return this instanceof Refused<T> r ? Optional.of(r.reason()) : Optional.empty();
    }

    default <U> TransitionResult<U> map(Function<? super T, ? extends U> mapping) {
        if (this instanceof Applied<T> a) {
            return new Applied<>(mapping.apply(a.value()));
        }
        Refused<T> r = (Refused<T>) this;
        return new Refused<>(r.kind(), r.reason());
    }
}
