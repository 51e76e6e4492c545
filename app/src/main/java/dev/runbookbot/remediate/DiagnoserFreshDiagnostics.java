package dev.runbookbot.remediate;

import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link FreshDiagnostics} through the {@link Diagnoser}: the chosen steps run with the steps they need, with the
 * diagnosis' executors, timeouts and interpretation (read-only). Even with no step to run it asks the diagnoser, which
 * pins {@code now}, so a condition that reads only {@code now} or the parameters reads the moment of the check.
 * Thread-safe.
 */
public final class DiagnoserFreshDiagnostics implements FreshDiagnostics {
    private final Diagnoser diagnoser;

    public DiagnoserFreshDiagnostics(Diagnoser diagnoser) {
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
    }

    @Override
    public FreshFacts run(RunbookSpec runbook, List<String> stepIds, TemplateContext inputs) {
        List<DiagnosticSpec> steps = runbook.diagnostics().stream()
                .filter(s -> stepIds.contains(s.id()))
                .toList();
        DiagnosisReport report = diagnoser.diagnose(runbook, steps, inputs.withDiagnostics(Map.of()), RunListener.NONE);
        return new FreshFacts(report.inputs(), report.results());
    }
}
