package dev.runbookbot.lint;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What lint needs to know about the diagnostic types the bot can run: the facts each one's interpret conditions may
 * read, and a check of a step's {@code config}. Usually built from the registered executors with
 * {@link #of(Collection)}; tests pass their own. Implementations are thread-safe.
 */
public interface DiagnosticTypes {
    /** The facts (name and type) of {@code type}'s observations; empty when the bot has no executor for it. */
    Optional<Map<String, ValueType>> facts(DiagnosticType type);

    /** Every problem in a step's config, with paths as {@link StepConfig#pathOf} writes them. */
    List<ConfigProblem> validate(DiagnosticType type, StepConfig config);

    /** The types the given executors implement, as each executor declares and validates them. */
    static DiagnosticTypes of(Collection<? extends DiagnosticExecutor> executors) {
        Map<DiagnosticType, DiagnosticExecutor> byType = new EnumMap<>(DiagnosticType.class);
        for (DiagnosticExecutor executor : executors) {
            byType.put(executor.type(), executor);
        }
        return new DiagnosticTypes() {
            @Override
            public Optional<Map<String, ValueType>> facts(DiagnosticType type) {
                return Optional.ofNullable(byType.get(type)).map(DiagnosticExecutor::facts);
            }

            @Override
            public List<ConfigProblem> validate(DiagnosticType type, StepConfig config) {
                DiagnosticExecutor executor = byType.get(type);
                return executor == null ? List.of() : executor.validate(config);
            }
        };
    }
}
