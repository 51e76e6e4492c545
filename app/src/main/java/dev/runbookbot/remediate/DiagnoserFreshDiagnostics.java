package dev.runbookbot.remediate;

import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link FreshDiagnostics} through the {@link Diagnoser}: the chosen steps run with the steps they need, with the
 * diagnosis' executors, timeouts and interpretation (read-only), and their results are read as conditions read them.
 * Thread-safe.
 */
public final class DiagnoserFreshDiagnostics implements FreshDiagnostics {
    private final Diagnoser diagnoser;

    public DiagnoserFreshDiagnostics(Diagnoser diagnoser) {
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
    }

    @Override
    public Map<String, Map<String, Object>> run(RunbookSpec runbook, List<String> stepIds, TemplateContext inputs) {
        List<DiagnosticSpec> steps = runbook.diagnostics().stream()
                .filter(s -> stepIds.contains(s.id()))
                .toList();
        Map<String, Map<String, Object>> readings = new LinkedHashMap<>();
        if (steps.isEmpty()) {
            return readings;
        }
        List<DiagnosticResult> results = diagnoser
                .diagnose(runbook, steps, inputs.withDiagnostics(Map.of()), RunListener.NONE)
                .results();
        results.forEach(result -> readings.put(result.stepId(), StepReadings.of(result)));
        return readings;
    }
}
