package dev.runbookbot.remediate;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.TemplateContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What some diagnostic steps said when they ran again just now ({@link FreshDiagnostics}): the inputs they ran with
 * (their {@code now} pinned at the run's start) and each step's result, in runbook order, the steps they need
 * included.
 */
public record FreshFacts(TemplateContext inputs, List<DiagnosticResult> results) {
    public FreshFacts {
        results = List.copyOf(results);
    }

    /** The results as conditions and templates read them: {@code diagnostics.<id>} (facts, status, reason, failure). */
    public Map<String, Map<String, Object>> readings() {
        Map<String, Map<String, Object>> readings = new LinkedHashMap<>();
        results.forEach(result -> readings.put(result.stepId(), StepReadings.of(result)));
        return readings;
    }
}
