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
 * The overhead of {@code needs}: a chain of k steps, each needing the one before, can finish no sooner than the sum
 * of their delays, so the figure of merit is wall time / sum of delays, and (wall - sum) / k the cost of one link
 * (wait for the need, evaluate the admission, start the next step). A diamond (one root, n independent steps that
 * need it, one step that needs them all) shows that the steps of a level still run in parallel: its ideal is three
 * delays. Prints ratios and percentiles; asserts only that every step ran.
 */
class NeedsChainBench {
    private static final int ROUNDS = 5;
    private static final long DELAY_MS = 200;
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("bench.yaml"));

    @Test
    void needsChainsAndDiamonds() {
        ExecutorService pool = Executors.newCachedThreadPool();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ParallelRunner runner = new ParallelRunner(
                    DiagnosticExecutors.of(List.of(new DelayExecutor())),
                    new Healthy(),
                    pool,
                    timer,
                    Clock.systemUTC());
            for (int k : new int[] {2, 5, 10}) {
                measure(runner, "chain k=" + k, chain(k), k * DELAY_MS);
            }
            for (int n : new int[] {5, 20}) {
                measure(runner, "diamond n=" + n, diamond(n), 3 * DELAY_MS);
            }
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static List<DiagnosticSpec> chain(int k) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            steps.add(step("c" + i, i == 0 ? List.of() : List.of("c" + (i - 1))));
        }
        return steps;
    }

    private static List<DiagnosticSpec> diamond(int n) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        steps.add(step("root", List.of()));
        List<String> middle = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(step("m" + i, List.of("root")));
            middle.add("m" + i);
        }
        steps.add(step("sink", middle));
        return steps;
    }

    private static void measure(ParallelRunner runner, String name, List<DiagnosticSpec> steps, long idealMs) {
        double[] ratios = new double[ROUNDS];
        double[] perLinkMs = new double[ROUNDS];
        int links = (int) (idealMs / DELAY_MS);
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            List<DiagnosticResult> results =
                    runner.run(steps, TemplateContext.empty(), Duration.ofSeconds(60), RunListener.NONE);
            double wallMs = (System.nanoTime() - start) / 1e6;
            assertEquals(steps.size(), results.size());
            results.forEach(r -> assertEquals(DiagnosticStatus.HEALTHY, r.status(), r.reason()));
            ratios[round] = wallMs / idealMs;
            perLinkMs[round] = (wallMs - idealMs) / links;
        }
        System.out.printf(
                Locale.ROOT,
                "needs %-12s steps=%-2d wall/ideal %s | overhead per level %s%n",
                name,
                steps.size(),
                Percentiles.of(ratios).format(""),
                Percentiles.of(perLinkMs).format("ms"));
    }

    private static DiagnosticSpec step(String id, List<String> needs) {
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.SHELL_COMMAND,
                new StepConfig(Map.of(), "diagnostics[0].config"),
                Duration.ofSeconds(10),
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), HERE),
                needs,
                Optional.empty(),
                HERE);
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
