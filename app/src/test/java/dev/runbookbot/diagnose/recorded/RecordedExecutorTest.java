package dev.runbookbot.diagnose.recorded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.testing.DiagnosticRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorded results typed as the live executor declares them, and every way a recording can fail to fit. */
class RecordedExecutorTest {
    private static final Map<String, ValueType> FACTS = facts();

    private static Map<String, ValueType> facts() {
        Map<String, ValueType> facts = new LinkedHashMap<>();
        facts.put("value", ValueType.DOUBLE);
        facts.put("count", ValueType.INT);
        facts.put("empty", ValueType.BOOL);
        facts.put("result_type", ValueType.STRING);
        facts.put("lines", ValueType.STRING_LIST);
        facts.put("matches", ValueType.STRING_MAP);
        facts.put("samples", ValueType.MAP_LIST);
        facts.put("match_counts", ValueType.MAP);
        facts.put("anything", ValueType.DYN);
        return facts;
    }

    private static Outcome run(Map<String, Outcome> steps, String stepId) {
        Recording recording = new Recording(Path.of("fixtures/case.yaml"), steps);
        RecordedExecutor executor = new RecordedExecutor(DiagnosticType.PROMETHEUS_QUERY, FACTS, recording);
        DiagnosticSpec spec = DiagnosticRequests.spec(DiagnosticType.PROMETHEUS_QUERY, Map.of(), Duration.ofSeconds(1));
        DiagnosticSpec named = new DiagnosticSpec(
                stepId,
                spec.name(),
                spec.description(),
                spec.type(),
                spec.config(),
                spec.timeout(),
                spec.interpret(),
                spec.location());
        return executor.execute(new DiagnosticRequest(named, TemplateContext.empty(), Duration.ofSeconds(1)));
    }

    @Test
    void convertsEveryFactToItsDeclaredJavaType() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("value", 95L); // a whole number where a double is declared
        raw.put("count", 3.0); // an integral double where an int is declared
        raw.put("empty", false);
        raw.put("result_type", "vector");
        raw.put("lines", List.of(120L, "ok"));
        raw.put("matches", Map.of("code", 503L));
        raw.put("samples", List.of(Map.of("value", 1L, "labels", Map.of("pod", "a"))));
        raw.put("match_counts", Map.of("error", 2L));
        raw.put("anything", List.of(1L, 2.5));
        Outcome.Observed observed = assertInstanceOf(
                Outcome.Observed.class, run(Map.of("db", Outcome.observed(raw, "recorded", List.of("d"))), "db"));
        Map<String, Object> facts = observed.facts();
        assertEquals(95.0, facts.get("value"));
        assertInstanceOf(Double.class, facts.get("value"));
        assertEquals(3L, facts.get("count"));
        assertInstanceOf(Long.class, facts.get("count"));
        assertEquals(List.of("120", "ok"), facts.get("lines"));
        assertEquals(Map.of("code", "503"), facts.get("matches"));
        assertEquals(List.of(Map.of("value", 1L, "labels", Map.of("pod", "a"))), facts.get("samples"));
        assertEquals(List.of(1L, 2.5), facts.get("anything"));
        assertEquals("recorded", observed.evidence());
        assertEquals(List.of("d"), observed.details());
    }

    @Test
    void readsNanAndInfinitiesWrittenAsText() {
        for (Map.Entry<String, Double> c : Map.of(
                        "NaN", Double.NaN,
                        ".nan", Double.NaN,
                        "+Inf", Double.POSITIVE_INFINITY,
                        ".inf", Double.POSITIVE_INFINITY,
                        "-Inf", Double.NEGATIVE_INFINITY)
                .entrySet()) {
            Outcome.Observed observed = assertInstanceOf(
                    Outcome.Observed.class,
                    run(Map.of("s", Outcome.observed(Map.of("value", c.getKey()), "", List.of())), "s"));
            assertEquals(c.getValue(), observed.facts().get("value"), c.getKey());
        }
    }

    @Test
    void readsNanAndInfinitiesInSamplesAsRunJsonPrintsThemButKeepsLabelsAsText() {
        Map<String, Object> raw = Map.of(
                "samples",
                List.of(
                        Map.of("labels", Map.of("le", "+Inf"), "value", "NaN", "values", List.of("-Inf", 2L)),
                        Map.of("labels", Map.of("pod", "NaN"), "value", "+Inf")));
        Outcome.Observed observed =
                assertInstanceOf(Outcome.Observed.class, run(Map.of("s", Outcome.observed(raw, "", List.of())), "s"));
        assertEquals(
                List.of(
                        Map.of(
                                "labels",
                                Map.of("le", "+Inf"),
                                "value",
                                Double.NaN,
                                "values",
                                List.of(Double.NEGATIVE_INFINITY, 2L)),
                        Map.of("labels", Map.of("pod", "NaN"), "value", Double.POSITIVE_INFINITY)),
                observed.facts().get("samples"));
    }

    @Test
    void aStepWithoutRecordingIsAnErrorSayingSo() {
        Outcome outcome = run(Map.of(), "check_db");
        assertEquals(
                Outcome.failed(FailureKind.CONFIGURATION, "no recorded result for step 'check_db' in case.yaml"),
                outcome);
    }

    @Test
    void aRecordedFailureIsReturnedAsRecorded() {
        Outcome failed = Outcome.failed(FailureKind.TIMEOUT, "prometheus did not answer within 10s");
        assertEquals(failed, run(Map.of("s", failed), "s"));
    }

    @Test
    void undeclaredFactsAndWrongTypesAreNamedWithTheirKeys() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("valu", 1.0);
        raw.put("count", "three");
        raw.put("empty", "no");
        raw.put("value", List.of(1.0));
        Outcome.Failed failed =
                assertInstanceOf(Outcome.Failed.class, run(Map.of("s", Outcome.observed(raw, "", List.of())), "s"));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertEquals(
                "the recorded result in case.yaml does not fit: s.facts.valu: prometheus_query has no fact 'valu'"
                        + " (did you mean 'value'?); its facts: value, count, empty, result_type, lines, matches,"
                        + " samples, match_counts, anything; s.facts.count (int): must be a whole number, got"
                        + " 'three'; s.facts.empty (bool): must be true or false, got 'no'; s.facts.value"
                        + " (double): must be a number (or NaN, +Inf, -Inf), got a list",
                failed.reason());
    }

    @Test
    void standsInForEachLiveTypeWithItsFactsAndNoConfigCheck() {
        DiagnosticExecutor live = new DiagnosticExecutor() {
            @Override
            public DiagnosticType type() {
                return DiagnosticType.HTTP_CHECK;
            }

            @Override
            public Map<String, ValueType> facts() {
                return Map.of("all_healthy", ValueType.BOOL);
            }

            @Override
            public List<ConfigProblem> validate(StepConfig config) {
                return List.of(new ConfigProblem(config.path(), "live check"));
            }

            @Override
            public Outcome execute(DiagnosticRequest request) {
                throw new AssertionError("a recorded run must never call the live executor");
            }
        };
        List<DiagnosticExecutor> recorded =
                RecordedExecutor.standingInFor(List.of(live), new Recording(Path.of("f.yaml"), Map.of()));
        assertEquals(1, recorded.size());
        assertEquals(DiagnosticType.HTTP_CHECK, recorded.get(0).type());
        assertEquals(Map.of("all_healthy", ValueType.BOOL), recorded.get(0).facts());
        assertTrue(recorded.get(0).validate(DiagnosticRequests.config(Map.of())).isEmpty());
        assertInstanceOf(
                Outcome.Failed.class,
                recorded.get(0)
                        .execute(DiagnosticRequests.request(
                                DiagnosticType.HTTP_CHECK, Map.of(), Duration.ofSeconds(1))));
    }
}
