package dev.runbookbot.remediate;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Map;

/**
 * Runs some diagnostic steps of a runbook again, now, read-only, and gives their results as conditions and templates
 * read them ({@code diagnostics.<id>}: facts, {@code status}, {@code reason}, {@code failure}), with the steps they
 * need. A remediation reads fresh facts when it executes: the items of its {@code forEach} and the condition of its
 * {@code until}. Implemented over the {@code Diagnoser}, so with the same executors, timeouts and interpretation as a
 * diagnosis. Thread-safe; blocks for as long as the steps take.
 */
@FunctionalInterface
public interface FreshDiagnostics {
    Map<String, Map<String, Object>> run(RunbookSpec runbook, List<String> stepIds, TemplateContext inputs);

    /** For a pipeline that cannot run diagnostics: every step reads as an error saying so. */
    FreshDiagnostics NONE = (runbook, stepIds, inputs) -> {
        Map<String, Map<String, Object>> readings = new java.util.LinkedHashMap<>();
        for (String id : stepIds) {
            readings.put(
                    id,
                    Map.of(
                            "status",
                            "error",
                            "reason",
                            "this pipeline cannot run diagnostics again",
                            "failure",
                            "configuration"));
        }
        return readings;
    };
}
