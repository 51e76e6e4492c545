package dev.runbookbot.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelRunnerTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private static final StepInterpreter OBSERVED_IS_HEALTHY = (step, outcome, ctx, startedAt, took) -> {
        if (outcome instanceof Outcome.Failed f) {
            return new DiagnosticResult(
                    step.id(),
                    step.name(),
                    step.type(),
                    DiagnosticStatus.ERROR,
                    f.reason(),
                    Optional.of(f.kind()),
                    Map.of(),
                    "",
                    List.of(),
                    startedAt,
                    took);
        }
        Outcome.Observed o = (Outcome.Observed) outcome;
        return new DiagnosticResult(
                step.id(),
                step.name(),
                step.type(),
                DiagnosticStatus.HEALTHY,
                "ok",
                Optional.empty(),
                o.facts(),
                o.evidence(),
                o.details(),
                startedAt,
                took);
    };

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void runsAllStepsConcurrentlyAndKeepsStepOrder() {
        int n = 6;
        CyclicBarrier allRunning = new CyclicBarrier(n);
        ParallelRunner runner = runner(step -> {
            try {
                // Only passes if all n steps are running at the same time.
                allRunning.await(10, TimeUnit.SECONDS);
                return Outcome.observed(Map.of("value", 1.0), step.id(), List.of());
            } catch (Exception e) {
                return Outcome.failed(FailureKind.INTERNAL, "barrier: " + e);
            }
        });
        List<DiagnosticSpec> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(step("s" + i, Duration.ofSeconds(20)));
        }

        List<DiagnosticResult> results =
                runner.run(steps, TemplateContext.empty(), Duration.ofSeconds(30), RunListener.NONE);

        assertEquals(
                List.of("s0", "s1", "s2", "s3", "s4", "s5"),
                results.stream().map(DiagnosticResult::stepId).toList());
        results.forEach(r -> assertEquals(DiagnosticStatus.HEALTHY, r.status(), r.reason()));
    }

    @Test
    void aHangingStepTimesOutIsInterruptedAndDoesNotStopTheOthers() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ParallelRunner runner = runner(step -> {
            if (step.id().equals("hangs")) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return Outcome.failed(FailureKind.CANCELLED, "interrupted");
            }
            return Outcome.observed(Map.of(), "fine", List.of());
        });

        List<DiagnosticResult> results = runner.run(
                List.of(step("hangs", Duration.ofMillis(200)), step("fine", Duration.ofSeconds(5))),
                TemplateContext.empty(),
                Duration.ofSeconds(30),
                RunListener.NONE);

        assertEquals(DiagnosticStatus.ERROR, results.get(0).status());
        assertEquals(Optional.of(FailureKind.TIMEOUT), results.get(0).failure());
        assertEquals("did not finish within 200ms", results.get(0).reason());
        assertEquals(DiagnosticStatus.HEALTHY, results.get(1).status());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the timed-out step's thread was interrupted");
    }

    @Test
    void theOverallDeadlineCapsEveryStep() {
        ParallelRunner runner = runner(step -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Outcome.failed(FailureKind.CANCELLED, "interrupted");
        });

        List<DiagnosticResult> results = runner.run(
                List.of(step("slow", Duration.ofSeconds(60))),
                TemplateContext.empty(),
                Duration.ofMillis(300),
                RunListener.NONE);

        assertEquals(Optional.of(FailureKind.TIMEOUT), results.get(0).failure());
        assertEquals(
                "did not finish within the run's overall deadline of 300ms",
                results.get(0).reason());
    }

    @Test
    void aThrowingExecutorBecomesAnErrorResult() {
        ParallelRunner runner = runner(step -> {
            throw new IllegalStateException("boom");
        });

        DiagnosticResult result = runner.run(
                        List.of(step("x", Duration.ofSeconds(5))),
                        TemplateContext.empty(),
                        Duration.ofSeconds(10),
                        RunListener.NONE)
                .get(0);

        assertEquals(DiagnosticStatus.ERROR, result.status());
        assertEquals(Optional.of(FailureKind.INTERNAL), result.failure());
        assertTrue(result.reason().contains("boom"), result.reason());
    }

    @Test
    void aTypeWithoutExecutorIsAConfigurationError() {
        ParallelRunner runner = new ParallelRunner(
                DiagnosticExecutors.of(List.of()), OBSERVED_IS_HEALTHY, pool, timer, Clock.systemUTC());

        DiagnosticResult result = runner.run(
                        List.of(step("x", Duration.ofSeconds(5))),
                        TemplateContext.empty(),
                        Duration.ofSeconds(10),
                        RunListener.NONE)
                .get(0);

        assertEquals(Optional.of(FailureKind.CONFIGURATION), result.failure());
        assertEquals("no executor is registered for type shell_command", result.reason());
    }

    @Test
    void listenersHearEveryStepAndAFailingListenerChangesNothing() {
        ParallelRunner runner = runner(step -> Outcome.observed(Map.of(), "ok", List.of()));
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        RunListener recording = new RunListener() {
            @Override
            public void diagnosticStarted(DiagnosticSpec step) {
                heard.add("started " + step.id());
            }

            @Override
            public void diagnosticFinished(DiagnosticResult result) {
                heard.add("finished " + result.stepId());
            }

            @Override
            public void diagnosisFinished(List<DiagnosticResult> results) {
                heard.add("all " + results.size());
            }
        };
        RunListener throwing = new RunListener() {
            @Override
            public void diagnosticFinished(DiagnosticResult result) {
                throw new IllegalStateException("listener bug");
            }
        };

        List<DiagnosticResult> results = runner.run(
                List.of(step("a", Duration.ofSeconds(5)), step("b", Duration.ofSeconds(5))),
                TemplateContext.empty(),
                Duration.ofSeconds(10),
                RunListener.all(List.of(throwing, recording)));

        assertEquals(2, results.size());
        assertTrue(heard.containsAll(List.of("started a", "started b", "finished a", "finished b")), heard.toString());
        assertEquals("all 2", heard.get(heard.size() - 1));
    }

    private ParallelRunner runner(Function<DiagnosticSpec, Outcome> behaviour) {
        DiagnosticExecutor executor = new DiagnosticExecutor() {
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
                return behaviour.apply(request.spec());
            }
        };
        return new ParallelRunner(
                DiagnosticExecutors.of(List.of(executor)), OBSERVED_IS_HEALTHY, pool, timer, Clock.systemUTC());
    }

    static DiagnosticSpec step(String id, Duration timeout) {
        Path file = Path.of("test.yaml");
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.SHELL_COMMAND,
                StepConfig.empty("diagnostics[0].config"),
                timeout,
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.unknown(file)),
                SourceLocation.unknown(file));
    }
}
