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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The real {@link ParallelRunner} over steps whose only work is a known delay (their config's {@code delay_ms}), the
 * stand-in the scheduling benchmarks ({@code needs}, {@code forEach}, fan-out) use for a query: the physical limit of a
 * run is then known exactly, so its wall time divided by that limit is the overhead. Every observation is healthy. Close
 * it to stop its threads.
 */
final class DelayedSteps implements AutoCloseable {
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("bench.yaml"));

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ParallelRunner runner = new ParallelRunner(
            DiagnosticExecutors.of(List.of(new DelayExecutor())), new Healthy(), pool, timer, Clock.systemUTC());

    /** One run of some steps: the results, each checked healthy, and the wall time. */
    record Round(List<DiagnosticResult> results, double wallMs) {}

    /** Runs {@code steps} once and checks that every result is healthy. */
    Round run(List<DiagnosticSpec> steps) {
        long start = System.nanoTime();
        List<DiagnosticResult> results =
                runner.run(steps, TemplateContext.empty(), Duration.ofSeconds(60), RunListener.NONE);
        double wallMs = (System.nanoTime() - start) / 1e6;
        results.forEach(r -> assertEquals(DiagnosticStatus.HEALTHY, r.status(), r.reason()));
        return new Round(results, wallMs);
    }

    /** Wall times in ms of {@code rounds} runs of {@code steps}, each round also checked by {@code check}. */
    double[] walls(List<DiagnosticSpec> steps, int rounds, Consumer<Round> check) {
        double[] walls = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            Round round = run(steps);
            check.accept(round);
            walls[i] = round.wallMs();
        }
        return walls;
    }

    /** The percentiles of {@code wallsMs / idealMs}, as a benchmark prints a ratio to its ideal. */
    static String ratios(double[] wallsMs, double idealMs) {
        return Percentiles.of(divide(wallsMs, idealMs)).format("");
    }

    /** A step of {@code delayMs} that needs {@code needs}. */
    static DiagnosticSpec step(String id, long delayMs, List<String> needs) {
        return spec(id, delayMs, needs, Optional.empty());
    }

    /** A step of {@code delayMs} looping over {@code items} items, {@code concurrency} at a time. */
    static DiagnosticSpec looped(String id, long delayMs, int items, int concurrency) {
        List<Object> values =
                IntStream.range(0, items).<Object>mapToObj(i -> "item-" + i).toList();
        return spec(
                id,
                delayMs,
                List.of(),
                Optional.of(new LoopSpec(values, Optional.empty(), concurrency, Optional.empty(), HERE)));
    }

    /** The delay a step was given. */
    static long delayOf(DiagnosticSpec step) {
        return ((Number) step.config().values().get("delay_ms")).longValue();
    }

    /** Each value divided by {@code by}: wall times as ratios of their ideal. */
    static double[] divide(double[] values, double by) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / by;
        }
        return out;
    }

    private static DiagnosticSpec spec(String id, long delayMs, List<String> needs, Optional<LoopSpec> loop) {
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.SHELL_COMMAND,
                new StepConfig(Map.of("delay_ms", delayMs), "diagnostics[0].config"),
                Duration.ofSeconds(10),
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), HERE),
                needs,
                Optional.empty(),
                HERE,
                loop);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    /** A diagnostic whose only work is its step's delay. */
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
                Thread.sleep(delayOf(request.spec())); // the stand-in query's known duration
                return Outcome.observed(Map.of(), "waited", List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed(FailureKind.CANCELLED, "interrupted");
            }
        }
    }

    /** Every observation is healthy: the benchmarks measure scheduling, not conditions. */
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
