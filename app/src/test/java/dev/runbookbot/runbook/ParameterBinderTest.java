package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.expr.TemplateContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterBinderTest {
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("r.yaml"));

    private final RunbookSpec runbook = runbook(List.of(
            new ParameterSpec(
                    "namespace",
                    ParameterType.STRING,
                    Optional.of("production"),
                    false,
                    Optional.of("namespace"),
                    "",
                    HERE),
            new ParameterSpec("replicas", ParameterType.INT, Optional.empty(), false, Optional.empty(), "", HERE),
            new ParameterSpec("pod", ParameterType.STRING, Optional.empty(), true, Optional.of("pod"), "", HERE),
            new ParameterSpec("window", ParameterType.DURATION, Optional.of("5m"), false, Optional.empty(), "", HERE)));

    @Test
    void explicitValuesWinOverLabelsWhichWinOverDefaults() throws ParameterException {
        TemplateContext context = ParameterBinder.bind(
                runbook,
                Map.of("replicas", "4"),
                Map.of("namespace", "payments", "pod", "pay-1"),
                Map.of("summary", "slow"));

        assertEquals(Map.of("namespace", "payments", "replicas", 4L, "pod", "pay-1", "window", "5m"), context.params());
        assertEquals("slow", context.annotations().get("summary"));
    }

    @Test
    void defaultsApplyWhenNothingElseIsGiven() throws ParameterException {
        TemplateContext context = ParameterBinder.bind(runbook, Map.of("pod", "x"), Map.of(), Map.of());

        assertEquals("production", context.params().get("namespace"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ParameterException e = assertThrows(
                ParameterException.class,
                () -> ParameterBinder.bind(
                        runbook, Map.of("replica", "2", "replicas", "two", "window", "5 minutes"), Map.of(), Map.of()));

        assertEquals(
                List.of(
                        "runbook 'r' has no parameter 'replica'; did you mean 'replicas'?",
                        "parameter 'replicas': 'two' is not a whole number",
                        "parameter 'pod' is required (give it, or send an alert with label 'pod')",
                        "parameter 'window': '5 minutes' is not a duration such as 30s, 5m or 1h"),
                e.problems());
    }

    @Test
    void hostileTextStaysDataForStringParameters() throws ParameterException {
        String hostile = "x\"; rm -rf / #{{ labels.y }}";
        TemplateContext context = ParameterBinder.bind(runbook, Map.of("pod", hostile), Map.of(), Map.of());

        assertEquals(hostile, context.params().get("pod"));
    }

    static RunbookSpec runbook(List<ParameterSpec> parameters) {
        return new RunbookSpec(
                "r",
                "R",
                "",
                Severity.P2,
                "svc",
                List.of(),
                List.of(),
                "",
                parameters,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new EscalationSpec("#inc", Optional.empty(), 30),
                ApprovalSpec.defaults(),
                "v1",
                Path.of("r.yaml"));
    }
}
