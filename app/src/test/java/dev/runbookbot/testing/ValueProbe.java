package dev.runbookbot.testing;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code shell_command} diagnostic executor with one fact, {@code value} (a number), that takes any config and
 * answers as the test's {@code execute} says: the probe of incident tests, whose runbooks read one number.
 */
public final class ValueProbe implements DiagnosticExecutor {
    private final Function<DiagnosticRequest, Outcome> execute;

    public ValueProbe(Function<DiagnosticRequest, Outcome> execute) {
        this.execute = execute;
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.SHELL_COMMAND;
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
        return execute.apply(request);
    }
}
