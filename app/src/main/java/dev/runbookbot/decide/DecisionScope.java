package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a decision condition sees:
 *
 * <ul>
 *   <li>{@code diagnostics}: by step id, a map with {@code status} ({@code healthy}, {@code warning}, {@code critical},
 *       {@code unknown}, {@code error} or {@code skipped}), {@code reason}, {@code failure} (the failure kind in lower case, such as
 *       {@code timeout}, or empty) and every fact of that step. A step without a result reads as {@code unknown}. A
 *       fact named like one of the three keys is hidden by it.
 *   <li>{@code params} (map), {@code labels} and {@code annotations} (maps of strings): the run's inputs.
 *   <li>{@code severity}: the runbook's severity, {@code P1} to {@code P4}.
 *   <li>{@code overall_severity}: the {@link OverallSeverity} of all results that applied (skipped steps do not
 *       count), in lower case.
 *   <li>{@code now}: the run's frozen moment (a timestamp), when the run has one.
 * </ul>
 */
public final class DecisionScope {
    public static final String DIAGNOSTICS = "diagnostics";
    public static final String STATUS = StepReadings.STATUS;
    public static final String REASON = StepReadings.REASON;
    public static final String FAILURE = StepReadings.FAILURE;

    private static final ConditionScope SCOPE = new ConditionScope(Map.of(
            DIAGNOSTICS,
            ValueType.MAP_OF_MAPS,
            "params",
            ValueType.MAP,
            "labels",
            ValueType.STRING_MAP,
            "annotations",
            ValueType.STRING_MAP,
            "severity",
            ValueType.STRING,
            "overall_severity",
            ValueType.STRING,
            InterpretScope.NOW,
            ValueType.TIMESTAMP));

    private DecisionScope() {}

    /** The scope every decision condition is compiled against. */
    public static ConditionScope scope() {
        return SCOPE;
    }

    /** The variables for one run; steps of {@code runbook} without a result read as unknown. */
    public static Map<String, Object> variables(
            RunbookSpec runbook, List<DiagnosticResult> results, TemplateContext inputs) {
        return variables(steps(runbook, results), runbook.severity(), inputs);
    }

    static Map<String, Object> variables(
            Map<String, Map<String, Object>> steps, Severity severity, TemplateContext inputs) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(DIAGNOSTICS, steps);
        variables.put("params", inputs.params());
        variables.put("labels", inputs.labels());
        variables.put("annotations", inputs.annotations());
        variables.put("severity", severity.name());
        variables.put("overall_severity", OverallSeverity.of(statuses(steps)).label());
        inputs.now().ifPresent(now -> variables.put(InterpretScope.NOW, now));
        return variables;
    }

    /** The {@code diagnostics} map: every result by step id, then the runbook's steps that have none. */
    public static Map<String, Map<String, Object>> steps(RunbookSpec runbook, List<DiagnosticResult> results) {
        Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
        for (DiagnosticResult result : results) {
            steps.put(result.stepId(), step(result));
        }
        for (DiagnosticSpec spec : runbook.diagnostics()) {
            steps.computeIfAbsent(spec.id(), id -> missing());
        }
        return steps;
    }

    /** The status of each step entry, in order. */
    static List<DiagnosticStatus> statuses(Map<String, Map<String, Object>> steps) {
        return steps.values().stream()
                .map(step -> DiagnosticStatus.valueOf(
                        String.valueOf(step.get(STATUS)).toUpperCase(Locale.ROOT)))
                .toList();
    }

    /** One step's entry: its facts, then status, reason and failure. */
    public static Map<String, Object> step(DiagnosticResult result) {
        return StepReadings.of(result);
    }

    private static Map<String, Object> missing() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put(STATUS, DiagnosticStatus.UNKNOWN.label());
        step.put(REASON, "no result: the step did not run");
        step.put(FAILURE, "");
        return step;
    }
}
