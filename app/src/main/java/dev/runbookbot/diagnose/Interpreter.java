package dev.runbookbot.diagnose;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an {@link Outcome} as a status. A failure is {@link DiagnosticStatus#ERROR} with its reason. An observation is
 * the first of critical, warning, healthy whose condition holds; when none holds it is {@link DiagnosticStatus#UNKNOWN},
 * never a silent "healthy", and the reason lists what was checked and the facts it read. A condition that cannot be
 * evaluated counts as not holding, and the reason says why. Stateless and thread-safe.
 */
public final class Interpreter {
    /** One condition with the status it stands for. */
    private record Level(DiagnosticStatus status, Condition condition) {}

    /** The fact that lists a query's series; a reason names the ones that made its condition hold. */
    private static final String SAMPLES = "samples";

    /** How many series are tried one by one to find the ones that breached. */
    private static final int MAX_SERIES_TRIED = 200;

    /**
     * The series of {@code samples} that made {@code condition} hold: each one for which the condition also holds when
     * it is the only series ({@code samples.exists(s, s.value > 5.0)} names the series above 5). Empty when the
     * condition does not read {@code samples}, when there are too many to try, or when no single series makes it
     * hold (a condition about how many there are).
     */
    private static Optional<List<?>> breaching(Condition condition, Map<String, Object> variables) {
        if (!condition.variables().contains(SAMPLES)
                || !(variables.get(SAMPLES) instanceof List<?> samples)
                || samples.size() > MAX_SERIES_TRIED) {
            return Optional.empty();
        }
        List<Object> breached = new ArrayList<>();
        Map<String, Object> alone = new java.util.HashMap<>(variables);
        for (Object sample : samples) {
            alone.put(SAMPLES, List.of(sample));
            try {
                if (condition.evaluate(alone)) {
                    breached.add(sample);
                }
            } catch (ConditionException e) {
                // this series alone cannot be judged; it is not named
            }
        }
        return breached.isEmpty() ? Optional.empty() : Optional.of(breached);
    }

    public Interpretation interpret(
            CompiledInterpret conditions, Outcome outcome, Map<String, Object> params, Map<String, String> labels) {
        return interpret(conditions, outcome, params, labels, Map.of());
    }

    /** As above, for a step that reads the results of the steps it needs as {@code diagnostics}. */
    public Interpretation interpret(
            CompiledInterpret conditions,
            Outcome outcome,
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, Map<String, Object>> diagnostics) {
        return interpret(conditions, outcome, params, labels, diagnostics, Optional.empty());
    }

    /** As above, in a run whose frozen moment is {@code now}. */
    public Interpretation interpret(
            CompiledInterpret conditions,
            Outcome outcome,
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, Map<String, Object>> diagnostics,
            Optional<Instant> now) {
        return interpret(conditions, outcome, params, labels, diagnostics, now, Optional.empty());
    }

    /** As above, for one iteration of a {@code forEach} step, whose conditions read its {@code item}. */
    public Interpretation interpret(
            CompiledInterpret conditions,
            Outcome outcome,
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, Map<String, Object>> diagnostics,
            Optional<Instant> now,
            Optional<Object> item) {
        if (outcome instanceof Outcome.Failed failed) {
            return new Interpretation(DiagnosticStatus.ERROR, failed.reason(), Optional.of(failed.kind()));
        }
        Outcome.Observed observed = (Outcome.Observed) outcome;
        List<Level> levels = levels(conditions);
        if (levels.isEmpty()) {
            return new Interpretation(
                    DiagnosticStatus.UNKNOWN,
                    "no interpret conditions are defined; add critical, warning or healthy",
                    Optional.empty());
        }
        Map<String, Object> variables = InterpretScope.variables(observed.facts(), params, labels, diagnostics, now);
        item.ifPresent(value -> variables.put(InterpretScope.ITEM, value));
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> read = new LinkedHashSet<>();
        for (Level level : levels) {
            Condition condition = level.condition();
            read.addAll(condition.variables());
            String shown = level.status().label() + " `" + condition.canonical() + "`";
            try {
                if (condition.evaluate(variables)) {
                    String reason = "`" + condition.canonical() + "` held"
                            + facts(condition.variables(), observed, now, breaching(condition, variables));
                    if (!failures.isEmpty()) {
                        reason += "; " + String.join("; ", failures);
                    }
                    return new Interpretation(level.status(), reason, Optional.empty());
                }
                checked.add(shown);
            } catch (ConditionException e) {
                checked.add(shown + " (could not be evaluated: " + e.getMessage() + ")");
                failures.add(shown + " could not be evaluated: " + e.getMessage());
            }
        }
        return new Interpretation(
                DiagnosticStatus.UNKNOWN,
                "no condition held: " + String.join(", ", checked) + facts(read, observed, now, Optional.empty()),
                Optional.empty());
    }

    /** Runs {@link #interpret} and assembles the step's result. */
    public DiagnosticResult result(
            DiagnosticSpec spec,
            CompiledInterpret conditions,
            Outcome outcome,
            TemplateContext context,
            Instant startedAt,
            Duration duration) {
        Interpretation reading = interpret(
                conditions,
                outcome,
                context.params(),
                context.labels(),
                context.diagnostics(),
                context.now(),
                context.item());
        if (outcome instanceof Outcome.Observed observed) {
            return new DiagnosticResult(
                    spec.id(),
                    spec.name(),
                    spec.type(),
                    reading.status(),
                    reading.reason(),
                    reading.failure(),
                    observed.facts(),
                    observed.evidence(),
                    observed.details(),
                    startedAt,
                    duration);
        }
        return new DiagnosticResult(
                spec.id(),
                spec.name(),
                spec.type(),
                reading.status(),
                reading.reason(),
                reading.failure(),
                Map.of(),
                "",
                List.of(),
                startedAt,
                duration);
    }

    private static List<Level> levels(CompiledInterpret conditions) {
        List<Level> levels = new ArrayList<>(3);
        conditions.critical().ifPresent(c -> levels.add(new Level(DiagnosticStatus.CRITICAL, c)));
        conditions.warning().ifPresent(c -> levels.add(new Level(DiagnosticStatus.WARNING, c)));
        conditions.healthy().ifPresent(c -> levels.add(new Level(DiagnosticStatus.HEALTHY, c)));
        return levels;
    }

    /**
     * " with value=NaN, count=3" for the facts among {@code names} (and the run's {@code now} when they read it); empty
     * when the conditions read no fact.
     */
    private static String facts(
            Set<String> names, Outcome.Observed observed, Optional<Instant> now, Optional<List<?>> breaching) {
        String shown = names.stream()
                .filter(n -> !n.equals(InterpretScope.PARAMS)
                        && !n.equals(InterpretScope.LABELS)
                        && !n.equals(InterpretScope.DIAGNOSTICS)
                        && !n.equals(InterpretScope.NOW)
                        && !n.equals(InterpretScope.ITEM))
                .map(n -> n + "="
                        + (!observed.facts().containsKey(n)
                                ? "(missing)"
                                : n.equals(SAMPLES) && breaching.isPresent()
                                        ? FactText.series(observed.facts().get(n), breaching.get())
                                        : FactText.format(observed.facts().get(n))))
                .collect(Collectors.joining(", "));
        if (names.contains(InterpretScope.NOW) && now.isPresent()) {
            shown = (shown.isEmpty() ? "" : shown + ", ") + "now=" + now.get();
        }
        return shown.isEmpty() ? "" : " with " + shown;
    }
}
