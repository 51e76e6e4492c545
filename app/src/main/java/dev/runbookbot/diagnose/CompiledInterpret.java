package dev.runbookbot.diagnose;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.runbook.InterpretSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * A step's interpret conditions, compiled for its diagnostic type's {@link InterpretScope}. The {@link Interpreter}
 * tries them in the order critical, warning, healthy.
 */
public record CompiledInterpret(
        Optional<Condition> critical, Optional<Condition> warning, Optional<Condition> healthy) {
    public CompiledInterpret {
        Objects.requireNonNull(critical, "critical");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(healthy, "healthy");
    }

    /** No conditions: every observation reads as unknown. */
    public static CompiledInterpret none() {
        return new CompiledInterpret(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Compiles the three conditions of {@code spec}. A failure's message starts with the condition's key ({@code
     * critical: ...}); its offset and hint are those of that condition.
     */
    public static CompiledInterpret compile(InterpretSpec spec, ConditionLanguage language, ConditionScope scope)
            throws ConditionException {
        return new CompiledInterpret(
                compile("critical", spec.critical(), language, scope),
                compile("warning", spec.warning(), language, scope),
                compile("healthy", spec.healthy(), language, scope));
    }

    private static Optional<Condition> compile(
            String key, Optional<String> source, ConditionLanguage language, ConditionScope scope)
            throws ConditionException {
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(language.compile(source.get(), scope));
        } catch (ConditionException e) {
            throw new ConditionException(key + ": " + e.getMessage(), e.offset(), e.hint());
        }
    }
}
