package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one type of diagnostic. Diagnostics are read-only by contract: an executor never changes the system it looks
 * at. Implementations are thread-safe: the runner calls {@link #execute} for many steps at once, each on its own
 * thread, and interrupts a thread whose step has run out of time.
 */
public interface DiagnosticExecutor {
    DiagnosticType type();

    /** The facts an observation carries, by name and type: what interpret conditions of this type may use. */
    Map<String, ValueType> facts();

    /** Checks a step's config at load time. Returns every problem; an empty list means valid. */
    List<ConfigProblem> validate(StepConfig config);

    /**
     * The keys a step's {@code config} may hold, as {@link #validate} accepts them (for a type with variants, such as
     * {@code log_search}'s sources, the keys of every variant). The JSON Schema's sub-schema of this type and the
     * reference docs list exactly these ({@code ConfigSchemaAgreementTest}).
     */
    default Set<String> configKeys() {
        return Set.of();
    }

    /** Runs the step. Never throws for an expected failure: it returns {@link Outcome.Failed} with the reason. */
    Outcome execute(DiagnosticRequest request);
}
