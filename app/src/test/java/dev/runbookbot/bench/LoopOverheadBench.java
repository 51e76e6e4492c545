package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.diagnose.StepInterpreter;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The overhead of {@code forEach}: one step looping over N items of a known delay, with concurrency N (every
 * iteration at once), against N independent steps of the same delay; both can finish no sooner than one delay, so the
 * figures are wall / delay for each and loop / steps (goal: about 1.0, the loop costing what the steps cost), and with
 * concurrency 4 the loop's wall against its ideal of ceil(N/4) delays (the bound holds without idle gaps). Prints
 * percentiles; asserts only that every iteration and step ran.
 */
class LoopOverheadBench {
    private static final int ROUNDS = 5;
    private static final long DELAY_MS = 200;
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("bench.yaml"));

    @Test
    void aLoopOfNIterationsAgainstNIndependentSteps() {
        ExecutorService pool = Executors.newCachedThreadPool();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ParallelRunner runner = new ParallelRunner(
                    DiagnosticExecutors.of(List.of(new DelayExecutor())),
                    new Healthy(),
                    pool,
                    timer,
                    Clock.systemUTC());
            for (int n : new int[] {4, 16}) {
                double[] loop = walls(runner, List.of(looped(n, n)), n);
                double[] steps = walls(runner, independent(n), n);
                double[] ratio = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    ratio[i] = loop[i] / steps[i];
                }
                System.out.printf(
                        Locale.ROOT,
                        "[LoopOverheadBench] n=%-2d loop wall/delay %s | steps wall/delay %s | loop/steps %s (goal ~1.0)%n",
                        n,
                        Percentiles.of(divide(loop, DELAY_MS)).format(""),
                        Percentiles.of(divide(steps, DELAY_MS)).format(""),
                        Percentiles.of(ratio).format(""));
            }
            int n = 16;
            double[] bounded = walls(runner, List.of(looped(n, 4)), n);
            System.out.printf(
                    Locale.ROOT,
                    "[LoopOverheadBench] n=%d concurrency=4 wall/ideal(%d delays) %s (goal ~1.0)%n",
                    n,
                    n / 4,
                    Percentiles.of(divide(bounded, DELAY_MS * (n / 4))).format(""));
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    /** Wall times in ms of ROUNDS runs of {@code steps}, checking that {@code iterations} things ran. */
    private static double[] walls(ParallelRunner runner, List<DiagnosticSpec> steps, int iterations) {
        double[] walls = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            List<DiagnosticResult> results =
                    runner.run(steps, TemplateContext.empty(), Duration.ofSeconds(60), RunListener.NONE);
            walls[round] = (System.nanoTime() - start) / 1e6;
            results.forEach(r -> assertEquals(DiagnosticStatus.HEALTHY, r.status(), r.reason()));
            int ran =
                    results.size() == 1 ? ((List<?>) results.get(0).facts().get("iterations")).size() : results.size();
            assertEquals(iterations, ran);
        }
        return walls;
    }

    private static double[] divide(double[] values, double by) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / by;
        }
        return out;
    }

    private static List<DiagnosticSpec> independent(int n) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(step("s" + i, Optional.empty()));
        }
        return steps;
    }

    private static DiagnosticSpec looped(int n, int concurrency) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("item-" + i);
        }
        return step("loop", Optional.of(new LoopSpec(items, Optional.empty(), concurrency, Optional.empty(), HERE)));
    }

    private static DiagnosticSpec step(String id, Optional<LoopSpec> loop) {
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.SHELL_COMMAND,
                new StepConfig(Map.of(), "diagnostics[0].config"),
                Duration.ofSeconds(10),
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), HERE),
                List.of(),
                Optional.empty(),
                HERE,
                loop);
    }

    /** A diagnostic whose only work is a known delay (the benchmark's stand-in for a query). */
    private static final class DelayExecutor implements DiagnosticExecutor {
        @Override
        public DiagnosticType type() {
            return DiagnosticType.SHELL_COMMAND;
        }

        @Override
        public Map<String, ValueType> facts() {
            return Map.of();
        }

        @Override
        public List<ConfigProblem> validate(StepConfig config) {
            return List.of();
        }

        @Override
        public Outcome execute(DiagnosticRequest request) {
            try {
                Thread.sleep(DELAY_MS);
                return Outcome.observed(Map.of(), "waited", List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed(FailureKind.CANCELLED, "interrupted");
            }
        }
    }

    /** Every observation is healthy: the benchmark measures scheduling, not conditions. */
    private static final class Healthy implements StepInterpreter {
        @Override
        public DiagnosticResult interpret(
                DiagnosticSpec step, Outcome outcome, TemplateContext context, Instant startedAt, Duration duration) {
            DiagnosticStatus status =
                    outcome instanceof Outcome.Observed ? DiagnosticStatus.HEALTHY : DiagnosticStatus.ERROR;
            return new DiagnosticResult(
                    step.id(),
                    step.name(),
                    step.type(),
                    status,
                    status.label(),
                    Optional.empty(),
                    Map.of(),
                    "",
                    List.of(),
                    startedAt,
                    duration);
        }
    }
}
