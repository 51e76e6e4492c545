package dev.runbookbot.diagnose;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final StepLoop loops;

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
        this.loops = new StepLoop(clock);
    }

    /**
     * Runs {@code steps} and blocks until every one has a result (at the latest shortly after {@code overallDeadline}).
     * Returns the results in the order of {@code steps}.
     *
     * <p>A step without {@code needs} starts at once, so independent steps run in parallel exactly as before. A step
     * with needs starts when the last of them finishes (on the thread that finished it), with the results of the steps
     * it needs, directly or not, as {@code diagnostics} in its templates and conditions. Then its {@code when}, if any,
     * decides whether it runs; without one, it is skipped when a step it needs errored or was skipped (it would have no
     * facts to read). A skipped step still reaches the listener, as a result with status {@code skipped}. A step with
     * {@code forEach} runs once per item, its iterations bounded by its {@code concurrency} ({@link StepLoop}).
     */
    public List<DiagnosticResult> run(
            List<DiagnosticSpec> steps, TemplateContext context, Duration overallDeadline, RunListener listener) {
        long startNanos = System.nanoTime();
        StepGraph graph = StepGraph.of(steps);
        Map<String, CompletableFuture<DiagnosticResult>> started = new LinkedHashMap<>();
        for (DiagnosticSpec step : graph.order()) {
            Optional<String> problem = graph.problem(step.id());
            if (problem.isPresent()) {
                started.put(
                        step.id(),
                        CompletableFuture.completedFuture(
                                notRun(step, DiagnosticStatus.ERROR, "not run: " + problem.get(), listener)));
            } else if (step.needs().isEmpty()) {
                started.put(step.id(), admitAndStart(step, context, Map.of(), startNanos, overallDeadline, listener));
            } else {
                List<CompletableFuture<DiagnosticResult>> needed =
                        step.needs().stream().map(started::get).toList();
                Map<String, CompletableFuture<DiagnosticResult>> ancestors = new LinkedHashMap<>();
                graph.ancestors(step.id()).forEach(id -> ancestors.put(id, started.get(id)));
                started.put(
                        step.id(),
                        CompletableFuture.allOf(needed.toArray(CompletableFuture[]::new))
                                .thenCompose(ignored -> admitAndStart(
                                        step, context, readings(ancestors), startNanos, overallDeadline, listener)));
            }
        }
        List<DiagnosticResult> results = new ArrayList<>(steps.size());
        for (DiagnosticSpec step : steps) {
            results.add(started.get(step.id()).join());
        }
        notifySafely(() -> listener.diagnosisFinished(List.copyOf(results)));
        return List.copyOf(results);
    }

    /** The results of the steps a step needs, directly or not (all finished by then), as it reads them. */
    private static Map<String, Map<String, Object>> readings(
            Map<String, CompletableFuture<DiagnosticResult>> ancestors) {
        Map<String, Map<String, Object>> readings = new LinkedHashMap<>();
        ancestors.forEach((id, future) -> readings.put(id, StepReadings.of(future.join())));
        return readings;
    }

    private CompletableFuture<DiagnosticResult> admitAndStart(
            DiagnosticSpec step,
            TemplateContext inputs,
            Map<String, Map<String, Object>> needed,
            long runStartNanos,
            Duration overallDeadline,
            RunListener listener) {
        TemplateContext context = needed.isEmpty() ? inputs : inputs.withDiagnostics(needed);
        Admission admission;
        if (step.when().isPresent()) {
            try {
                admission = interpreter.admit(step, context);
            } catch (RuntimeException e) {
                log.warn("evaluating the when of diagnostic {} failed", step.id(), e);
                admission = Admission.fail("its `when` could not be evaluated: " + e);
            }
        } else {
            admission = unreadNeed(step, needed).map(Admission::skip).orElse(Admission.RUN);
        }
        switch (admission.kind()) {
            case SKIP -> {
                return CompletableFuture.completedFuture(
                        notRun(step, DiagnosticStatus.SKIPPED, "skipped: " + admission.reason(), listener));
            }
            case FAIL -> {
                return CompletableFuture.completedFuture(
                        notRun(step, DiagnosticStatus.ERROR, "not run: " + admission.reason(), listener));
            }
            case RUN -> {}
        }
        if (step.forEach().isPresent()) {
            notifySafely(() -> listener.diagnosticStarted(step));
            return loops.run(
                            step,
                            context,
                            item -> startWithin(step, item, runStartNanos, overallDeadline, RunListener.NONE),
                            listener)
                    .thenApply(result -> {
                        notifySafely(() -> listener.diagnosticFinished(result));
                        return result;
                    });
        }
        return startWithin(step, context, runStartNanos, overallDeadline, listener);
    }

    /** Starts one run of a step with its timeout, or what is left of the run's overall deadline if that is less. */
    private CompletableFuture<DiagnosticResult> startWithin(
            DiagnosticSpec step,
            TemplateContext context,
            long runStartNanos,
            Duration overallDeadline,
            RunListener listener) {
        Duration remaining = overallDeadline.minusNanos(System.nanoTime() - runStartNanos);
        if (remaining.compareTo(step.timeout()) < 0) {
            return start(
                    step,
                    context,
                    remaining,
                    listener,
                    "did not finish within the run's overall deadline of " + human(overallDeadline));
        }
        return start(step, context, step.timeout(), listener);
    }

    /** "it needs check_db, which is error: ..." for the first needed step that has no reading to offer. */
    private static Optional<String> unreadNeed(DiagnosticSpec step, Map<String, Map<String, Object>> needed) {
        for (String need : step.needs()) {
            Map<String, Object> reading = needed.get(need);
            Object status = reading == null ? null : reading.get(StepReadings.STATUS);
            if (DiagnosticStatus.ERROR.label().equals(status)
                    || DiagnosticStatus.SKIPPED.label().equals(status)) {
                return Optional.of(
                        "it needs " + need + ", which is " + status + " (" + reading.get(StepReadings.REASON) + ")");
            }
        }
        return Optional.empty();
    }

    /** A result for a step that did not run, heard by the listener like any other. */
    private DiagnosticResult notRun(DiagnosticSpec step, DiagnosticStatus status, String reason, RunListener listener) {
        notifySafely(() -> listener.diagnosticStarted(step));
        DiagnosticResult result = new DiagnosticResult(
                step.id(),
                step.name(),
                step.type(),
                status,
                reason,
                status == DiagnosticStatus.ERROR ? Optional.of(FailureKind.CONFIGURATION) : Optional.empty(),
                Map.of(),
                "",
                List.of(),
                clock.instant(),
                Duration.ZERO);
        notifySafely(() -> listener.diagnosticFinished(result));
        return result;
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
