package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the diagnostics of a runbook concurrently. Each step gets its own timeout, capped by the run's overall
 * deadline; a step that fails, throws or runs out of time becomes a result with status {@code error} and the reason,
 * and never stops the others. Results reach the {@link RunListener} as each step finishes.
 *
 * <p>Steps run on {@code stepPool} (it must allow as many concurrent tasks as a runbook has steps, or the excess waits
 * for a free thread within its own timeout); timeouts are watched on {@code timer}. A step that has run out of time is
 * interrupted; its executor is expected to clean up (for example kill its process tree) on interrupt. Thread-safe.
 */
public final class ParallelRunner {
    private static final Logger log = LoggerFactory.getLogger(ParallelRunner.class);

    /** How long past its timeout a step's own executor may take to report a timeout itself, before the runner does. */
    static final Duration TIMEOUT_GRACE = Duration.ofMillis(250);

    private final DiagnosticExecutors executors;
    private final StepInterpreter interpreter;
    private final ExecutorService stepPool;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public ParallelRunner(
            DiagnosticExecutors executors,
            StepInterpreter interpreter,
            ExecutorService stepPool,
            ScheduledExecutorService timer,
            Clock clock) {
        this.executors = executors;
        this.interpreter = interpreter;
        this.stepPool = stepPool;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Runs {@code steps} and blocks until every one has a result (at the latest shortly after {@code overallDeadline}).
     * Returns the results in the order of {@code steps}.
     */
    public List<DiagnosticResult> run(
            List<DiagnosticSpec> steps, TemplateContext context, Duration overallDeadline, RunListener listener) {
        long startNanos = System.nanoTime();
        List<CompletableFuture<DiagnosticResult>> pending = new ArrayList<>(steps.size());
        for (DiagnosticSpec step : steps) {
            Duration remaining = overallDeadline.minusNanos(System.nanoTime() - startNanos);
            if (remaining.compareTo(step.timeout()) < 0) {
                pending.add(start(
                        step,
                        context,
                        remaining,
                        listener,
                        "did not finish within the run's overall deadline of " + human(overallDeadline)));
            } else {
                pending.add(start(step, context, step.timeout(), listener));
            }
        }
        List<DiagnosticResult> results = new ArrayList<>(steps.size());
        for (CompletableFuture<DiagnosticResult> future : pending) {
            results.add(future.join());
        }
        notifySafely(() -> listener.diagnosisFinished(List.copyOf(results)));
        return List.copyOf(results);
    }

    /**
     * Starts one step; the returned future completes with its result (never exceptionally), after the listener has
     * heard it.
     */
    public CompletableFuture<DiagnosticResult> start(
            DiagnosticSpec step, TemplateContext context, Duration timeout, RunListener listener) {
        return start(step, context, timeout, listener, "did not finish within " + human(timeout));
    }

    private CompletableFuture<DiagnosticResult> start(
            DiagnosticSpec step,
            TemplateContext context,
            Duration timeout,
            RunListener listener,
            String timeoutReason) {
        CompletableFuture<DiagnosticResult> result = new CompletableFuture<>();
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        notifySafely(() -> listener.diagnosticStarted(step));
        CompletableFuture<DiagnosticResult> reported = result.thenApply(r -> {
            notifySafely(() -> listener.diagnosticFinished(r));
            return r;
        });

        DiagnosticExecutor executor = executors.forType(step.type()).orElse(null);
        if (executor == null) {
            complete(
                    result,
                    step,
                    context,
                    startedAt,
                    startNanos,
                    Outcome.failed(
                            FailureKind.CONFIGURATION,
                            "no executor is registered for type " + step.type().yamlName()));
            return reported;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            complete(
                    result,
                    step,
                    context,
                    startedAt,
                    startNanos,
                    Outcome.failed(
                            FailureKind.TIMEOUT, "the run's overall deadline had passed before this step could start"));
            return reported;
        }
        DiagnosticRequest request = new DiagnosticRequest(step, context, timeout);
        Future<?> task;
        try {
            task = stepPool.submit(() -> {
                Outcome outcome;
                try {
                    outcome = executor.execute(request);
                } catch (RuntimeException | Error e) {
                    log.warn("diagnostic {} threw; reporting it as an error result", step.id(), e);
                    outcome = Outcome.failed(
                            FailureKind.INTERNAL,
                            "the " + step.type().yamlName() + " executor failed unexpectedly: " + e);
                }
                if (outcome == null) {
                    outcome = Outcome.failed(FailureKind.INTERNAL, "the executor returned no outcome");
                }
                complete(result, step, context, startedAt, startNanos, outcome);
            });
        } catch (RejectedExecutionException e) {
            complete(
                    result,
                    step,
                    context,
                    startedAt,
                    startNanos,
                    Outcome.failed(
                            FailureKind.INTERNAL, "no thread was free to run this step (the bot is overloaded)"));
            return reported;
        }
        Duration watch = timeout.plus(TIMEOUT_GRACE);
        timer.schedule(
                () -> {
                    boolean timedOut = complete(
                            result,
                            step,
                            context,
                            startedAt,
                            startNanos,
                            Outcome.failed(FailureKind.TIMEOUT, timeoutReason));
                    if (timedOut) {
                        task.cancel(true);
                    }
                },
                watch.toNanos(),
                TimeUnit.NANOSECONDS);
        return reported;
    }

    private boolean complete(
            CompletableFuture<DiagnosticResult> result,
            DiagnosticSpec step,
            TemplateContext context,
            Instant startedAt,
            long startNanos,
            Outcome outcome) {
        if (result.isDone()) {
            return false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        DiagnosticResult interpreted;
        try {
            interpreted = interpreter.interpret(step, outcome, context, startedAt, took);
        } catch (RuntimeException e) {
            log.warn("interpreting diagnostic {} failed", step.id(), e);
            interpreted = new DiagnosticResult(
                    step.id(),
                    step.name(),
                    step.type(),
                    DiagnosticStatus.ERROR,
                    "the result could not be interpreted: " + e.getMessage(),
                    java.util.Optional.of(FailureKind.INTERNAL),
                    java.util.Map.of(),
                    "",
                    List.of(),
                    startedAt,
                    took);
        }
        return result.complete(interpreted);
    }

    private static void notifySafely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a run listener failed; the diagnosis continues", e);
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
