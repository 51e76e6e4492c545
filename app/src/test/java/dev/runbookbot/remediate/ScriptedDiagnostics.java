package dev.runbookbot.remediate;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@code prometheus_query} executor that reads the world a test sets: each step id observes the number set for it
 * ({@code value}), or fails as unreachable when none is set. Records which steps ran. Thread-safe.
 */
final class ScriptedDiagnostics implements DiagnosticExecutor {
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    final List<String> ran = new CopyOnWriteArrayList<>();

    void set(String stepId, double value) {
        values.put(stepId, value);
    }

    void unreachable(String stepId) {
        values.remove(stepId);
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.PROMETHEUS_QUERY;
    }

    @Override
    public Map<String, ValueType> facts() {
        return Map.of("value", ValueType.DOUBLE);
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return List.of();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        String id = request.spec().id();
        ran.add(id);
        Double value = values.get(id);
        if (value == null) {
            return Outcome.failed(FailureKind.UNREACHABLE, "prometheus at 127.0.0.1:9 did not answer");
        }
        return Outcome.observed(Map.of("value", value), id + " = " + value, List.of());
    }
}
