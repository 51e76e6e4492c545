package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionStepInterpreterTest {
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("r.yaml"));
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A fake executor: only its type and facts matter here. */
    private record FactsOnly(DiagnosticType type, Map<String, ValueType> facts) implements DiagnosticExecutor {
        @Override
        public List<ConfigProblem> validate(StepConfig config) {
            return List.of();
        }

        @Override
        public Outcome execute(DiagnosticRequest request) {
            return Outcome.failed(FailureKind.INTERNAL, "not used");
        }
    }

    private final ConditionStepInterpreter interpreter = new ConditionStepInterpreter(
            new CelConditionLanguage(),
            DiagnosticExecutors.of(
                    List.of(new FactsOnly(DiagnosticType.PROMETHEUS_QUERY, Map.of("value", ValueType.DOUBLE)))));

    private static DiagnosticSpec step(DiagnosticType type, String critical, String healthy) {
        return new DiagnosticSpec(
                "s",
                "S",
                "",
                type,
                StepConfig.empty("diagnostics[0].config"),
                DiagnosticSpec.DEFAULT_TIMEOUT,
                new InterpretSpec(Optional.ofNullable(critical), Optional.empty(), Optional.ofNullable(healthy), HERE),
                HERE);
    }

    private DiagnosticResult run(DiagnosticSpec step, Outcome outcome) {
        return interpreter.interpret(
                step, outcome, new TemplateContext(Map.of("max", 90.0), Map.of(), Map.of()), T0, Duration.ofMillis(5));
    }

    @Test
    void readsAnObservationWithTheStepsTypeFactsAndParams() {
        DiagnosticSpec step = step(DiagnosticType.PROMETHEUS_QUERY, "value >= params.max", "value < params.max");

        DiagnosticResult result = run(step, Outcome.observed(Map.of("value", 95.0), "95%", List.of()));

        assertEquals(DiagnosticStatus.CRITICAL, result.status());
        assertEquals("`value >= params.max` held with value=95", result.reason());
        assertEquals(T0, result.startedAt());
    }

    @Test
    void compiledConditionsAreReusedPerStep() throws Exception {
        DiagnosticSpec step = step(DiagnosticType.PROMETHEUS_QUERY, "value >= 90", null);
        assertSame(interpreter.compile(step), interpreter.compile(step));
    }

    @Test
    void aBrokenConditionFailsAtCompileAndReadsAsUnknownIfItReachesARun() {
        DiagnosticSpec step = step(DiagnosticType.PROMETHEUS_QUERY, "valu >= 90", null);

        ConditionException e = assertThrows(ConditionException.class, () -> interpreter.compile(step));
        assertTrue(e.getMessage().startsWith("critical: unknown variable 'valu' (did you mean 'value'?)"));

        DiagnosticResult result = run(step, Outcome.observed(Map.of("value", 95.0), "95%", List.of()));
        assertEquals(DiagnosticStatus.UNKNOWN, result.status());
        assertTrue(result.reason().startsWith("interpret conditions do not compile: critical: unknown variable"));
        assertEquals(Map.of("value", 95.0), result.facts());

        DiagnosticResult failed = run(step, Outcome.failed(FailureKind.TIMEOUT, "no answer within 5s"));
        assertEquals(DiagnosticStatus.ERROR, failed.status());
        assertEquals("no answer within 5s", failed.reason());
    }

    @Test
    void aStepOfAnUnregisteredTypeHasNoConditions() throws Exception {
        DiagnosticSpec step = step(DiagnosticType.LOG_SEARCH, "count > 0", null);
        assertEquals(CompiledInterpret.none(), interpreter.compile(step));
        assertEquals(
                DiagnosticStatus.UNKNOWN,
                run(step, Outcome.observed(Map.of(), "", List.of())).status());
    }
}
