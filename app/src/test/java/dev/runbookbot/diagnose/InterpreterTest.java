package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private static final ConditionScope SCOPE = InterpretScope.of(Map.of(
            "value", ValueType.DOUBLE,
            "ready_count", ValueType.INT,
            "total_count", ValueType.INT,
            "samples", ValueType.MAP_LIST));
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("payments-slow.yaml"));

    private final CelConditionLanguage cel = new CelConditionLanguage();
    private final Interpreter interpreter = new Interpreter();

    private CompiledInterpret compile(String critical, String warning, String healthy) throws ConditionException {
        return CompiledInterpret.compile(
                new InterpretSpec(
                        Optional.ofNullable(critical),
                        Optional.ofNullable(warning),
                        Optional.ofNullable(healthy),
                        HERE),
                cel,
                SCOPE);
    }

    private static Outcome.Observed observed(Object... keyValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            facts.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Outcome.observed(facts, "evidence", List.of());
    }

    private Interpretation read(CompiledInterpret conditions, Outcome outcome) {
        return interpreter.interpret(conditions, outcome, Map.of("threshold", 80), Map.of("namespace", "payments"));
    }

    @Test
    void criticalIsTriedFirstThenWarningThenHealthy() throws Exception {
        // Deliberately overlapping conditions: the order decides.
        CompiledInterpret c = compile("value >= 90", "value >= 70", "value >= 0");

        assertEquals(DiagnosticStatus.CRITICAL, read(c, observed("value", 95.0)).status());
        assertEquals(DiagnosticStatus.WARNING, read(c, observed("value", 75.0)).status());
        Interpretation healthy = read(c, observed("value", 5.0));
        assertEquals(DiagnosticStatus.HEALTHY, healthy.status());
        assertEquals("`value >= 0` held with value=5", healthy.reason());
        assertEquals(Optional.empty(), healthy.failure());
    }

    @Test
    void whenNothingHoldsTheResultIsUnknownWithWhatWasCheckedAndTheFacts() throws Exception {
        CompiledInterpret c = compile("value >= 90", "value >= 70 && value < 90", "value < 70");

        Interpretation nan = read(c, observed("value", Double.NaN));

        assertEquals(DiagnosticStatus.UNKNOWN, nan.status());
        assertEquals(
                "no condition held: critical `value >= 90`, warning `value >= 70 && value < 90`, healthy"
                        + " `value < 70` with value=NaN",
                nan.reason());
    }

    @Test
    void aFailedOutcomeIsAnErrorWithItsReasonAndKind() throws Exception {
        CompiledInterpret c = compile("value >= 90", null, "value < 90");
        Interpretation error =
                read(c, Outcome.failed(FailureKind.TIMEOUT, "prometheus at 127.0.0.1:9090 did not answer within 5s"));

        assertEquals(DiagnosticStatus.ERROR, error.status());
        assertEquals("prometheus at 127.0.0.1:9090 did not answer within 5s", error.reason());
        assertEquals(Optional.of(FailureKind.TIMEOUT), error.failure());
    }

    @Test
    void aConditionThatCannotBeEvaluatedDoesNotHoldAndIsMentioned() throws Exception {
        CompiledInterpret c = compile("ready_count / total_count < 1", "ready_count < total_count", "ready_count > 0");

        Interpretation held = read(c, observed("ready_count", 3, "total_count", 0));
        assertEquals(DiagnosticStatus.HEALTHY, held.status());
        assertEquals(
                "`ready_count > 0` held with ready_count=3; critical `ready_count / total_count < 1` could not be"
                        + " evaluated: division by zero in `ready_count / total_count`",
                held.reason());

        Interpretation none = read(c, observed("ready_count", 0, "total_count", 0));
        assertEquals(DiagnosticStatus.UNKNOWN, none.status());
        assertEquals(
                "no condition held: critical `ready_count / total_count < 1` (could not be evaluated: division by"
                        + " zero in `ready_count / total_count`), warning `ready_count < total_count`, healthy"
                        + " `ready_count > 0` with ready_count=0, total_count=0",
                none.reason());
    }

    @Test
    void aMissingFactIsShownAsMissing() throws Exception {
        CompiledInterpret c = compile("value >= 90", null, null);
        Interpretation reading = read(c, observed("ready_count", 1));
        assertEquals(DiagnosticStatus.UNKNOWN, reading.status());
        assertTrue(
                reading.reason()
                        .startsWith("no condition held: critical `value >= 90` (could not be evaluated: no value for"
                                + " variable 'value'"),
                reading.reason());
        assertTrue(reading.reason().endsWith(" with value=(missing)"), reading.reason());
    }

    @Test
    void noConditionsAtAllIsUnknown() {
        Interpretation reading = read(CompiledInterpret.none(), observed("value", 1.0));
        assertEquals(DiagnosticStatus.UNKNOWN, reading.status());
        assertEquals("no interpret conditions are defined; add critical, warning or healthy", reading.reason());
    }

    @Test
    void conditionsSeeParamsAndLabels() throws Exception {
        CompiledInterpret c = compile("value > params.threshold && labels.namespace == 'payments'", null, null);
        Interpretation reading = read(c, observed("value", 85.0));
        assertEquals(DiagnosticStatus.CRITICAL, reading.status());
        assertEquals(
                "`value > params.threshold && labels.namespace == 'payments'` held with value=85", reading.reason());
    }

    @Test
    void multiSampleConditionsShowTheSizeOfTheList() throws Exception {
        CompiledInterpret c = compile(null, "samples.exists(s, s.value < 1.0)", "samples.all(s, s.value == 1.0)");
        Interpretation reading =
                read(c, observed("samples", List.of(Map.of("value", 1.0), Map.of("value", 0.0)), "value", 1.0));
        assertEquals(DiagnosticStatus.WARNING, reading.status());
        assertEquals(
                "`samples.exists(s, s.value < 1.0)` held with samples=[2 items; breached by {} = 0]", reading.reason());
    }

    @Test
    void theReasonNamesTheSeriesThatBreachedWithTheirValuesBounded() throws Exception {
        CompiledInterpret c = compile("samples.exists(s, s.value > 90.0)", null, "samples.all(s, s.value <= 90.0)");
        List<Map<String, Object>> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            samples.add(Map.of(
                    "labels",
                    Map.of("__name__", "disk_used_percent", "instance", "db-" + i, "mount", "/"),
                    "value",
                    i == 1 ? 50.0 : 91.0 + i));
        }
        Interpretation reading = read(c, observed("samples", samples, "value", Double.NaN));
        assertEquals(DiagnosticStatus.CRITICAL, reading.status());
        assertEquals(
                "`samples.exists(s, s.value > 90.0)` held with samples=[6 items; breached by"
                        + " disk_used_percent{instance=\"db-0\", mount=\"/\"} = 91,"
                        + " disk_used_percent{instance=\"db-2\", mount=\"/\"} = 93,"
                        + " disk_used_percent{instance=\"db-3\", mount=\"/\"} = 94 and 2 more]",
                reading.reason());
        // a condition about the whole list names no series
        CompiledInterpret counted = compile("size(samples) > 5", null, null);
        assertEquals(
                "`size(samples) > 5` held with samples=[6 items]",
                read(counted, observed("samples", samples, "value", Double.NaN)).reason());
    }

    @Test
    void seedSyntaxIsShownInCanonicalForm() throws Exception {
        CompiledInterpret c = compile("ready_count === 0", null, null);
        assertEquals(
                "`ready_count == 0` held with ready_count=0",
                read(c, observed("ready_count", 0)).reason());
    }

    @Test
    void aCompileErrorNamesWhichCondition() {
        ConditionException e = assertThrows(ConditionException.class, () -> compile("value >= 90", "valu > 70", null));
        assertTrue(
                e.getMessage().startsWith("warning: unknown variable 'valu' (did you mean 'value'?)"), e.getMessage());
        assertEquals(0, e.offset());
        assertEquals("write value > 70", e.hint());
    }

    @Test
    void theScopeRejectsFactsThatWouldHideParamsOrLabels() {
        assertThrows(IllegalArgumentException.class, () -> InterpretScope.of(Map.of("labels", ValueType.MAP)));
    }

    @Test
    void resultCarriesTheStepTheReadingAndTheObservation() throws Exception {
        DiagnosticSpec spec = new DiagnosticSpec(
                "check_cpu",
                "CPU",
                "",
                DiagnosticType.PROMETHEUS_QUERY,
                StepConfig.empty("diagnostics[0].config"),
                DiagnosticSpec.DEFAULT_TIMEOUT,
                null,
                HERE);
        CompiledInterpret c = compile("value >= 90", null, "value < 90");
        Instant started = Instant.parse("2025-01-01T00:00:00Z");

        DiagnosticResult ok = interpreter.result(
                spec,
                c,
                Outcome.observed(Map.of("value", 12.5), "cpu 12.5%", List.of("pod a: 12.5")),
                TemplateContext.empty(),
                started,
                Duration.ofMillis(40));
        assertEquals("check_cpu", ok.stepId());
        assertEquals(DiagnosticStatus.HEALTHY, ok.status());
        assertEquals("`value < 90` held with value=12.5", ok.reason());
        assertEquals(Map.of("value", 12.5), ok.facts());
        assertEquals("cpu 12.5%", ok.evidence());
        assertEquals(List.of("pod a: 12.5"), ok.details());

        DiagnosticResult failed = interpreter.result(
                spec,
                c,
                Outcome.failed(FailureKind.UNREACHABLE, "connection refused"),
                TemplateContext.empty(),
                started,
                Duration.ofMillis(3));
        assertEquals(DiagnosticStatus.ERROR, failed.status());
        assertEquals(Optional.of(FailureKind.UNREACHABLE), failed.failure());
        assertEquals(Map.of(), failed.facts());
        assertEquals(Duration.ofMillis(3), failed.duration());
    }
}
