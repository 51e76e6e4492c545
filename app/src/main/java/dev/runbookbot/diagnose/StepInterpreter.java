package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads a step's conditions: turns its raw {@link Outcome} into an interpreted {@link DiagnosticResult}, and decides
 * from its {@code when} whether it runs at all. Thread-safe.
 */
@FunctionalInterface
public interface StepInterpreter {
    DiagnosticResult interpret(
            DiagnosticSpec step, Outcome outcome, TemplateContext context, Instant startedAt, Duration duration);

    /**
     * Whether {@code step} runs, given the run's inputs and the results of the steps it needs ({@code context}). A step
     * without {@code when} runs; this default cannot evaluate conditions, so a step with one fails with that reason.
     */
    default Admission admit(DiagnosticSpec step, TemplateContext context) {
        return step.when().isEmpty()
                ? Admission.RUN
                : Admission.fail("its `when` cannot be evaluated here: no condition language is configured");
    }
}
