package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ValueType;
import dev.runbookbot.expr.cel.CelConditionLanguage;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The real {@link ParallelRunner} and {@link ConditionStepInterpreter} (CEL) over one {@code shell_command} executor
 * whose {@code execute} a test writes, with facts {@code value} (a number), {@code pods} (a list) and {@code text};
 * and steps of that type whose config holds a {@code text} template. Owns the runner's pools: close it after the
 * test.
 */
final class TextStepRunner implements AutoCloseable {
    static final SourceLocation HERE = SourceLocation.unknown(Path.of("r.yaml"));

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    /** A runner whose steps all run through {@code execute}. */
    ParallelRunner runner(Function<DiagnosticRequest, Outcome> execute) {
        DiagnosticExecutor executor = new DiagnosticExecutor() {
            @Override
            public DiagnosticType type() {
                return DiagnosticType.SHELL_COMMAND;
            }

            @Override
            public Map<String, ValueType> facts() {
                return Map.of("value", ValueType.DOUBLE, "pods", ValueType.STRING_LIST, "text", ValueType.STRING);
            }

            @Override
            public List<ConfigProblem> validate(StepConfig config) {
                return List.of();
            }

            @Override
            public Outcome execute(DiagnosticRequest request) {
                return execute.apply(request);
            }
        };
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(executor));
        return new ParallelRunner(
                executors,
                new ConditionStepInterpreter(new CelConditionLanguage(), executors),
                pool,
                timer,
                Clock.systemUTC());
    }

    /**
     * A step {@code id} that needs {@code needs}, runs when {@code when} holds (always when empty), once per item of
     * {@code loop} when present; its config's {@code text} is {@code text} (none when null), and it reads critical
     * when {@code critical} holds (never when null), healthy otherwise.
     */
    static DiagnosticSpec step(
            String id,
            List<String> needs,
            Optional<String> when,
            Optional<LoopSpec> loop,
            String text,
            String critical) {
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.SHELL_COMMAND,
                new StepConfig(text == null ? Map.of() : Map.of("text", text), "diagnostics[0].config"),
                Duration.ofSeconds(10),
                new InterpretSpec(Optional.ofNullable(critical), Optional.empty(), Optional.of("true"), HERE),
                needs,
                when,
                HERE,
                loop);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
