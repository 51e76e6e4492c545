package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.diagnose.StepGraph;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Diagnoses a runbook: runs its diagnostics in parallel (all, or a chosen subset), then walks its decision tree over
 * the results. Read-only by construction: it knows nothing of remediation executors, so whoever holds only a
 * {@code Diagnoser} (the {@code run} and {@code simulate} commands) cannot cause a side effect. Every condition and
 * template of one diagnosis reads the same {@code now}: the clock's instant when it started, unless the inputs pin
 * one (a runbook test's {@code now}). Thread-safe.
 */
public final class Diagnoser {
    private final ParallelRunner runner;
    private final DecisionEngine decisions;
    private final ConditionLanguage language;
    private final Duration overallDeadline;
    private final Clock clock;
    private final RunListener observer;
    private final Map<String, List<CompiledDecision>> compiledByVersion = new ConcurrentHashMap<>();

    public Diagnoser(
            ParallelRunner runner,
            DecisionEngine decisions,
            ConditionLanguage language,
            Duration overallDeadline,
            Clock clock) {
        this(runner, decisions, language, overallDeadline, clock, RunListener.NONE);
    }

    /**
     * @param observer hears every diagnosis this diagnoser runs, after each caller's own listener (the metrics): it
     *     must be quick and thread-safe, and what it throws is logged and ignored like any listener's
     */
    public Diagnoser(
            ParallelRunner runner,
            DecisionEngine decisions,
            ConditionLanguage language,
            Duration overallDeadline,
            Clock clock,
            RunListener observer) {
        this.runner = runner;
        this.decisions = decisions;
        this.language = language;
        this.overallDeadline = overallDeadline;
        this.clock = clock;
        this.observer = observer;
    }

    /** Runs every diagnostic of {@code runbook} and decides. Blocks until done (at most the overall deadline). */
    public DiagnosisReport diagnose(RunbookSpec runbook, TemplateContext inputs, RunListener listener) {
        return diagnose(runbook, runbook.diagnostics(), inputs, listener);
    }

    /**
     * Runs only {@code steps} ("run a single block"), with the steps they need, and decides over their results;
     * decisions that need a step that did not run do not match, and the plan says why.
     */
    public DiagnosisReport diagnose(
            RunbookSpec runbook, List<DiagnosticSpec> steps, TemplateContext inputs, RunListener listener) {
        Instant startedAt = clock.instant();
        inputs = inputs.withNowUnlessPinned(startedAt);
        long start = System.nanoTime();
        RunListener heard = observer == RunListener.NONE ? listener : RunListener.all(List.of(listener, observer));
        List<DiagnosticResult> results =
                runner.run(StepGraph.withNeeds(runbook.diagnostics(), steps), inputs, overallDeadline, heard);
        Plan plan = decisions.decide(runbook, compiled(runbook), results, inputs);
        return new DiagnosisReport(
                runbook, inputs, results, plan, startedAt, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<CompiledDecision> compiled(RunbookSpec runbook) {
        return compiledByVersion.computeIfAbsent(runbook.id() + "@" + runbook.version(), key -> {
            try {
                return CompiledDecision.compileAll(runbook.decisionTree(), language);
            } catch (ConditionException e) {
                // The catalog only holds runbooks that passed lint, where every condition compiled.
                throw new IllegalStateException(
                        "runbook " + runbook.id() + " has a decision that does not compile: " + e.getMessage(), e);
            }
        });
    }
}
