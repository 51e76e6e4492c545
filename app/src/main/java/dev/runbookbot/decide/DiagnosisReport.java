package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One diagnosis of one runbook: the inputs, every step's result in runbook order, and the plan they led to. */
public record DiagnosisReport(
        RunbookSpec runbook,
        TemplateContext inputs,
        List<DiagnosticResult> results,
        Plan plan,
        Instant startedAt,
        Duration took) {
    public DiagnosisReport {
        results = List.copyOf(results);
    }

    /**
     * The inputs with every step's result as {@code diagnostics.<id>} (its facts, {@code status}, {@code reason},
     * {@code failure}; a step that did not run reads as unknown): what a hand-off's {@code with} is rendered over.
     */
    public TemplateContext inputsWithResults() {
        return inputs.withDiagnostics(DecisionScope.steps(runbook, results));
    }
}
