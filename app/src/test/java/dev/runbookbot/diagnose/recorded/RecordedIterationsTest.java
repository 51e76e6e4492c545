package dev.runbookbot.diagnose.recorded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.testing.DiagnosticRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code forEach} step's recorded results: one per item (keyed as the thread names it), the step's own for the rest. */
class RecordedIterationsTest {
    private static Recording parse(String yaml) throws Exception {
        return Recording.parse(Path.of("f.yaml"), new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    private static Outcome run(Recording recording, Object item) {
        RecordedExecutor executor =
                new RecordedExecutor(DiagnosticType.PROMETHEUS_QUERY, Map.of("value", ValueType.DOUBLE), recording);
        DiagnosticSpec spec = DiagnosticRequests.spec(DiagnosticType.PROMETHEUS_QUERY, Map.of(), Duration.ofSeconds(1));
        TemplateContext context =
                item == null ? TemplateContext.empty() : TemplateContext.empty().withItem(item);
        return executor.execute(new DiagnosticRequest(spec, context, Duration.ofSeconds(1)));
    }

    @Test
    void eachItemReadsItsOwnResultAndTheStepsResultStandsForTheOthers() throws Exception {
        String id = DiagnosticRequests.spec(DiagnosticType.PROMETHEUS_QUERY, Map.of(), Duration.ofSeconds(1))
                .id();
        Recording recording = parse(id + """
                :
                  iterations:
                    checkout-1: {facts: {value: 12.0}}
                    '{pod="checkout-2"}': {error: TIMEOUT, reason: slow}
                  facts: {value: 0}
                """);

        assertEquals(
                Outcome.observed(Map.of("value", 12.0), "recorded result", List.of()), run(recording, "checkout-1"));
        assertEquals(
                Outcome.failed(FailureKind.TIMEOUT, "slow"),
                run(recording, Map.of("labels", Map.of("pod", "checkout-2"), "value", 1.0)));
        assertEquals(Outcome.observed(Map.of("value", 0.0), "recorded result", List.of()), run(recording, "other"));
    }

    @Test
    void anItemWithoutResultIsAnErrorNamingItAndAnIterationCannotNestIterations() throws Exception {
        String id = DiagnosticRequests.spec(DiagnosticType.PROMETHEUS_QUERY, Map.of(), Duration.ofSeconds(1))
                .id();
        Recording recording = parse(id + ":\n  iterations:\n    a: {facts: {value: 1.0}}\n");
        assertEquals(
                Outcome.failed(
                        FailureKind.CONFIGURATION, "no recorded result for step '" + id + "' item 'b' in f.yaml"),
                run(recording, "b"));
        RecordingException e = assertThrows(
                RecordingException.class, () -> parse("s:\n  iterations:\n    a: {facts: {}, iterations: {}}\n"));
        assertEquals(List.of("s.iterations.a.iterations: an iteration has no iterations of its own"), e.problems());
    }
}
