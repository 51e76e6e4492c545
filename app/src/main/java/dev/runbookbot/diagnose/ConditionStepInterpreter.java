package dev.runbookbot.diagnose;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StepInterpreter} the runner uses: it compiles a step's interpret conditions against its diagnostic type's
 * facts ({@link DiagnosticExecutor#facts()} plus {@code params} and {@code labels}), once per distinct step, and reads
 * each outcome with the {@link Interpreter}. Lint and the catalog call {@link #compile} at load time so that a broken
 * condition never reaches a run; if one does anyway, the step reads as unknown with the compile error as the reason.
 * Thread-safe.
 */
public final class ConditionStepInterpreter implements StepInterpreter {
    private static final int MAX_CACHED = 10_000;

    private final ConditionLanguage language;
    private final DiagnosticExecutors executors;
    private final Interpreter interpreter = new Interpreter();
    private final Map<Key, CompiledInterpret> compiled = new ConcurrentHashMap<>();
    private final Map<String, Condition> whens = new ConcurrentHashMap<>();

    /** What a step's compiled conditions depend on: its type (hence its facts) and its interpret block. */
    private record Key(DiagnosticType type, InterpretSpec interpret, boolean withNeeds, boolean looped) {}

    public ConditionStepInterpreter(ConditionLanguage language, DiagnosticExecutors executors) {
        this.language = Objects.requireNonNull(language, "language");
        this.executors = Objects.requireNonNull(executors, "executors");
    }

    /**
     * The step's compiled interpret conditions. A step without an interpret block, or of a type no executor is
     * registered for (the runner reports that step as an error), has none. A failure's message starts with the
     * condition's key ({@code warning: ...}); offset and hint refer to that condition's source.
     */
    public CompiledInterpret compile(DiagnosticSpec step) throws ConditionException {
        if (step.interpret() == null) {
            return CompiledInterpret.none();
        }
        Optional<DiagnosticExecutor> executor = executors.forType(step.type());
        if (executor.isEmpty()) {
            return CompiledInterpret.none();
        }
        Key key = new Key(
                step.type(),
                step.interpret(),
                !step.needs().isEmpty(),
                step.forEach().isPresent());
        CompiledInterpret cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledInterpret fresh = CompiledInterpret.compile(
                step.interpret(),
                language,
                InterpretScope.of(
                        executor.get().facts(),
                        !step.needs().isEmpty(),
                        step.forEach().isPresent()));
        if (compiled.size() >= MAX_CACHED) {
            compiled.clear();
        }
        compiled.putIfAbsent(key, fresh);
        return fresh;
    }

    /**
     * Evaluates the step's {@code when} over {@link WhenScope}: true runs it, false skips it (the reason quotes the
     * condition and the values it read), and a condition that does not compile or cannot be evaluated fails the step,
     * so a broken guard never silently hides a check.
     */
    @Override
    public Admission admit(DiagnosticSpec step, TemplateContext context) {
        if (step.when().isEmpty()) {
            return Admission.RUN;
        }
        String source = step.when().get();
        Condition condition;
        try {
            condition = whens.get(source);
            if (condition == null) {
                condition = language.compile(source, WhenScope.scope());
                if (whens.size() >= MAX_CACHED) {
                    whens.clear();
                }
                whens.putIfAbsent(source, condition);
            }
        } catch (ConditionException e) {
            return Admission.fail("its `when` does not compile: " + e.getMessage());
        }
        try {
            return condition.evaluate(WhenScope.variables(context))
                    ? Admission.RUN
                    : Admission.skip("`when` is false: " + condition.canonical());
        } catch (ConditionException e) {
            return Admission.fail("its `when` could not be evaluated: " + e.getMessage());
        }
    }

    @Override
    public DiagnosticResult interpret(
            DiagnosticSpec step, Outcome outcome, TemplateContext context, Instant startedAt, Duration duration) {
        CompiledInterpret conditions;
        try {
            conditions = compile(step);
        } catch (ConditionException e) {
            DiagnosticResult unread =
                    interpreter.result(step, CompiledInterpret.none(), outcome, context, startedAt, duration);
            if (unread.status() == DiagnosticStatus.ERROR) {
                return unread;
            }
            return new DiagnosticResult(
                    unread.stepId(),
                    unread.name(),
                    unread.type(),
                    DiagnosticStatus.UNKNOWN,
                    "interpret conditions do not compile: " + e.getMessage(),
                    Optional.empty(),
                    unread.facts(),
                    unread.evidence(),
                    List.copyOf(unread.details()),
                    startedAt,
                    duration);
        }
        return interpreter.result(step, conditions, outcome, context, startedAt, duration);
    }
}
