package dev.runbookbot.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real diagnosis, heard by the metrics listener through the diagnoser's observer. */
class MetricsRunListenerTest {
    private static final String RUNBOOK = """
            id: two-steps
            name: Two steps
            description: one reads, one cannot run
            severity: P3
            service: api
            triggers: [{type: manual}]
            diagnostics:
              - id: reads
                name: Reads
                description: a value
                type: shell_command
                config: {argv: [echo, "1"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
              - id: broken
                name: Broken
                description: never answers
                type: http_check
                config: {urls: [{name: api, url: "http://127.0.0.1:9/"}]}
                interpret:
                  healthy: "true"
            decisionTree: []
            remediations: []
            escalation: {primary: "#c"}
            """;

    private final Metrics metrics = new Metrics();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void everyFinishedDiagnosticIsObservedByTypeAndOutcome() {
        RunbookSpec runbook = new RunbookLoader()
                .parse(Path.of("two-steps.yaml"), RUNBOOK.getBytes(StandardCharsets.UTF_8))
                .spec()
                .orElseThrow();
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(
                new Scripted(DiagnosticType.SHELL_COMMAND, Outcome.observed(Map.of("value", 1.0), "1", List.of())),
                new Scripted(
                        DiagnosticType.HTTP_CHECK, Outcome.failed(FailureKind.UNREACHABLE, "connection refused"))));
        CelConditionLanguage cel = new CelConditionLanguage();
        Clock clock = Clock.systemUTC();
        Diagnoser diagnoser = new Diagnoser(
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock),
                new DecisionEngine(clock),
                cel,
                Duration.ofSeconds(30),
                clock,
                new MetricsRunListener(metrics));

        diagnoser.diagnose(runbook, TemplateContext.empty(), RunListener.NONE);

        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertTrue(
                text.contains(
                        "runbook_diagnostic_duration_seconds_count{outcome=\"healthy\",type=\"shell_command\"} 1"),
                text);
        assertTrue(
                text.contains("runbook_diagnostic_duration_seconds_count{outcome=\"failed\",type=\"http_check\"} 1"),
                text);
    }

    private record Scripted(DiagnosticType type, Outcome outcome) implements DiagnosticExecutor {
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
            return outcome;
        }
    }
}
