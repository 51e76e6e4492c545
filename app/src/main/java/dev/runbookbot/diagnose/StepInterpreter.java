package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Duration;
import java.time.Instant;

/** Turns a step's raw {@link Outcome} into an interpreted {@link DiagnosticResult}. Thread-safe. */
@FunctionalInterface
public interface StepInterpreter {
    DiagnosticResult interpret(
            DiagnosticSpec step, Outcome outcome, TemplateContext context, Instant startedAt, Duration duration);
}
