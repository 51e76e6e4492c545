package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.config.Settings;
import dev.runbookbot.decide.CompiledDecision;
import dev.runbookbot.decide.DecisionScope;
import dev.runbookbot.diagnose.CompiledInterpret;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.diagnose.Interpreter;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.recorded.RecordedExecutor;
import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.runtime.DiagnosisAssembly;
import dev.runbookbot.secrets.SecretResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The parallel fan-out overhead. N diagnostics with known delays run through the real
 * {@link ParallelRunner}; the physical limit is the slowest step, so the figure of merit is wall time / slowest delay.
 * Prints ratios and percentiles; asserts only that every step ran.
 *
 * <p>Also the evaluation cost of each condition of the shipped payments-slow runbook, compiled with the real
 * {@link CelConditionLanguage} against the real executors' facts and evaluated over the values of a recorded scenario
 * ({@code runbooks/fixtures/payments-db-exhausted.yaml}): p50 and p99 in microseconds per evaluation.
 */
class DiagnosticFanOutBench {
    private static final int ROUNDS = 5;
    /**
     * Every step's delay, the slowest of the mixed ones: 1 s is some thousand times the per-step overhead measured, so
     * wall / slowest still shows it, in half the time 2 s took.
     */
    private static final long SLOWEST_MS = 1_000;

    @Test
    void fanOut() {
        try (DelayedSteps runner = new DelayedSteps()) {
            for (int n : new int[] {1, 5, 20, 50}) {
                measure(runner, n, false);
            }
            measure(runner, 50, true);
        }
    }

    private static final int WARMUP = 5_000;
    private static final int EVALUATIONS = 20_000;
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    @Test
    void conditionEvaluationCost() throws Exception {
        Settings settings = Settings.load(Optional.empty(), Map.of("PROMETHEUS_URL", "http://prometheus.invalid:9090"));
        List<DiagnosticExecutor> live = DiagnosisAssembly.executors(
                settings, OkHttpClient::new, SecretResolver.none(), Clock.systemUTC(), settings.prometheus(), task -> {
                    throw new java.util.concurrent.RejectedExecutionException("the bench searches no journal");
                });
        Recording recording = Recording.read(RUNBOOKS.resolve("fixtures").resolve("payments-db-exhausted.yaml"));
        DiagnosticExecutors recorded = DiagnosticExecutors.of(RecordedExecutor.standingInFor(live, recording));
        RunbookSpec runbook = new RunbookLoader()
                .load(RUNBOOKS.resolve("payments-slow.yaml"))
                .spec()
                .orElseThrow();
        TemplateContext inputs = ParameterBinder.bind(runbook, Map.of(), Map.of(), Map.of());
        CelConditionLanguage cel = new CelConditionLanguage();

        List<DiagnosticResult> results = new ArrayList<>();
        Interpreter interpreter = new Interpreter();
        for (DiagnosticSpec step : runbook.diagnostics()) {
            DiagnosticExecutor executor = recorded.forType(step.type()).orElseThrow();
            Outcome outcome = executor.execute(new DiagnosticRequest(step, inputs, step.timeout()));
            Outcome.Observed observed = (Outcome.Observed) outcome;
            CompiledInterpret conditions =
                    CompiledInterpret.compile(step.interpret(), cel, InterpretScope.of(executor.facts()));
            Map<String, Object> variables =
                    InterpretScope.variables(observed.facts(), inputs.params(), inputs.labels());
            conditions.critical().ifPresent(c -> cost(step.id() + ".critical", c, variables));
            conditions.warning().ifPresent(c -> cost(step.id() + ".warning", c, variables));
            conditions.healthy().ifPresent(c -> cost(step.id() + ".healthy", c, variables));
            results.add(interpreter.result(step, conditions, outcome, inputs, java.time.Instant.now(), Duration.ZERO));
        }
        assertEquals(
                DiagnosticStatus.CRITICAL,
                results.stream()
                        .filter(r -> r.stepId().equals("check_db_connections"))
                        .findFirst()
                        .orElseThrow()
                        .status());
        Map<String, Object> decisionVariables = DecisionScope.variables(runbook, results, inputs);
        for (CompiledDecision decision : CompiledDecision.compileAll(runbook.decisionTree(), cel)) {
            cost("decisionTree[" + decision.index() + "]", decision.condition(), decisionVariables);
        }
    }

    /** Times {@code condition.evaluate} one call at a time and prints the percentiles in microseconds. */
    private static void cost(String name, Condition condition, Map<String, Object> variables) {
        boolean first = evaluate(condition, variables);
        for (int i = 0; i < WARMUP; i++) {
            evaluate(condition, variables);
        }
        double[] micros = new double[EVALUATIONS];
        for (int i = 0; i < EVALUATIONS; i++) {
            long start = System.nanoTime();
            boolean result = evaluate(condition, variables);
            micros[i] = (System.nanoTime() - start) / 1e3;
            assertEquals(first, result, name);
        }
        Percentiles p = Percentiles.of(micros);
        System.out.printf(
                Locale.ROOT,
                "[DiagnosticFanOutBench] condition %-34s %-5s p50=%.2fus p99=%.2fus max=%.1fus (n=%d) `%s`%n",
                name,
                first,
                p.p50(),
                p.p99(),
                p.max(),
                p.count(),
                condition.canonical());
    }

    private static boolean evaluate(Condition condition, Map<String, Object> variables) {
        try {
            return condition.evaluate(variables);
        } catch (ConditionException e) {
            return false;
        }
    }

    private static void measure(DelayedSteps runner, int n, boolean mixed) {
        List<DiagnosticSpec> steps = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < n; i++) {
            long delayMs = mixed ? 100 + (long) ((SLOWEST_MS - 100.0) * i / Math.max(1, n - 1)) : SLOWEST_MS;
            slowest = Math.max(slowest, delayMs);
            steps.add(DelayedSteps.step("s" + i, delayMs, List.of()));
        }
        List<Double> overheadMs = new ArrayList<>();
        double[] walls = runner.walls(steps, ROUNDS, round -> {
            for (int i = 0; i < n; i++) {
                overheadMs.add(round.results().get(i).duration().toNanos() / 1e6 - DelayedSteps.delayOf(steps.get(i)));
            }
        });
        System.out.printf(
                Locale.ROOT,
                "[DiagnosticFanOutBench] fan-out n=%-2d %-6s wall/slowest %s | per-step overhead %s%n",
                n,
                mixed ? "mixed" : SLOWEST_MS + "ms",
                DelayedSteps.ratios(walls, slowest),
                Percentiles.of(overheadMs.stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray())
                        .format("ms"));
    }
}
