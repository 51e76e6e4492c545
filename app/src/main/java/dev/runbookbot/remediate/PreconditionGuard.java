package dev.runbookbot.remediate;

import dev.runbookbot.decide.DecisionScope;
import dev.runbookbot.decide.FactRead;
import dev.runbookbot.decide.PreconditionScope;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A remediation's {@code require} must still hold when it executes, not only when it was proposed: the diagnostic
 * steps the condition reads (with the steps they need) run again now, fresh, through the {@code Diagnoser} (read-only,
 * with the same executors, timeouts and interpretation as a diagnosis), and the condition is evaluated over their new
 * results, the incident's parameters, labels and annotations, and a new {@code now} ({@link FreshDiagnostics}, the
 * one re-run that {@code forEach} and {@code until} use too). It holds: the run goes on. It does
 * not, or it cannot be evaluated (a step errored and has no such fact): the run is refused with the condition and the
 * values it read ({@link RefusalKind#PRECONDITION_FAILED}), which the pipeline records on the timeline and the thread
 * shows, and the run is cancelled: a later click cannot run it on its old approval. Last in the chain, because it is
 * the one guard that asks the outside world. Blocks for as long as the steps take (at most the diagnoser's deadline);
 * thread-safe.
 */
public final class PreconditionGuard implements Guard {
    private final FreshDiagnostics fresh;
    private final ConditionLanguage language;

    public PreconditionGuard(FreshDiagnostics fresh, ConditionLanguage language) {
        this.fresh = Objects.requireNonNull(fresh, "fresh");
        this.language = Objects.requireNonNull(language, "language");
    }

    @Override
    public GuardDecision check(GuardContext context) {
        RemediationSpec remediation = context.remediation().remediation();
        Optional<String> require = remediation.preconditions().require();
        if (require.isEmpty()) {
            return GuardDecision.allow();
        }
        Condition condition;
        try {
            condition = language.compile(require.get(), PreconditionScope.scope());
        } catch (ConditionException e) {
            // the catalog only holds runbooks whose conditions compile; be safe anyway
            return GuardDecision.refuse(
                    RefusalKind.PRECONDITION_FAILED,
                    "its precondition `" + require.get() + "` does not compile: " + e.getMessage());
        }
        RunbookSpec runbook = context.remediation().runbook();
        TemplateContext stored = context.remediation().inputs();
        TemplateContext unpinned = new TemplateContext(stored.params(), stored.labels(), stored.annotations());
        FreshFacts facts = fresh.run(runbook, stepsRead(runbook, condition), unpinned);
        Map<String, Object> variables = PreconditionScope.variables(runbook, facts.results(), facts.inputs());
        String readings = readings(require.get(), facts);
        try {
            if (condition.evaluate(variables)) {
                return GuardDecision.allow();
            }
            return GuardDecision.refuse(
                    RefusalKind.PRECONDITION_FAILED,
                    "its precondition `" + require.get() + "` no longer holds, re-checked just now" + readings);
        } catch (ConditionException e) {
            return GuardDecision.refuse(
                    RefusalKind.PRECONDITION_FAILED,
                    "its precondition `" + require.get() + "` could not be evaluated on the fresh results: "
                            + e.getMessage() + readings);
        }
    }

    /** The steps {@code condition} reads, in runbook order ({@link FreshDiagnostics} adds the steps they need). */
    private static List<String> stepsRead(RunbookSpec runbook, Condition condition) {
        Set<String> read = condition.selectedFields(PreconditionScope.DIAGNOSTICS);
        return runbook.diagnostics().stream()
                .map(DiagnosticSpec::id)
                .filter(read::contains)
                .toList();
    }

    /** {@code ": diagnostics.pool.value=42.0, diagnostics.pool.status=healthy"}; a step without the fact says why. */
    private static String readings(String source, FreshFacts facts) {
        Set<String> shown = new LinkedHashSet<>();
        List<String> values = new ArrayList<>();
        for (FactRead read : FactRead.in(source)) {
            if (!shown.add(read.toString())) {
                continue;
            }
            Optional<DiagnosticResult> result = facts.results().stream()
                    .filter(r -> r.stepId().equals(read.step()))
                    .findFirst();
            if (result.isEmpty()) {
                values.add(read + " (the step did not run)");
                continue;
            }
            Object fact = DecisionScope.step(result.get()).get(read.fact());
            values.add(
                    fact == null
                            ? read + " has no value (step " + read.step() + " is "
                                    + result.get().status().label() + ": "
                                    + result.get().reason() + ")"
                            : read + "=" + shown(fact));
        }
        return values.isEmpty() ? "" : ": " + String.join(", ", values);
    }

    private static String shown(Object value) {
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
