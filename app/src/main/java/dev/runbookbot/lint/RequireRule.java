package dev.runbookbot.lint;

import dev.runbookbot.decide.FactRead;
import dev.runbookbot.decide.PreconditionScope;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A remediation's {@code require} is a boolean condition over what it will see when it is checked, after approval
 * ({@link PreconditionScope}): it compiles, names only steps the runbook defines and parameters it declares, and reads
 * of each step only facts its diagnostic type declares (or {@code status}, {@code reason}, {@code failure}). Only
 * what the bot executes can be held back by it: a manual step, a hand-off and a suppression cannot carry one.
 */
final class RequireRule implements RunbookRule {
    private final ConditionLanguage language;
    private final DiagnosticTypes types;

    RequireRule(ConditionLanguage language, DiagnosticTypes types) {
        this.language = language;
        this.types = types;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (RemediationSpec remediation : runbook.remediations()) {
            Optional<String> require = remediation.preconditions().require();
            if (require.isEmpty()) {
                continue;
            }
            String path = Findings.child(f.pathOf(remediation), "require");
            if (remediation.type() != null
                    && remediation.type() != RemediationType.AUTOMATED
                    && remediation.type() != RemediationType.ESCALATE) {
                f.error(
                        path,
                        "'require' holds back what the bot executes, but '" + remediation.id() + "' has type "
                                + remediation.type().name().toLowerCase(java.util.Locale.ROOT),
                        remediation.type() == RemediationType.MANUAL
                                ? "a person carries out a manual step; say in its instructions what to check first"
                                : "remove 'require'");
                continue;
            }
            if (require.get().isBlank()) {
                f.error(path, "'require' is empty", "write the condition that must still hold when it runs");
                continue;
            }
            Condition condition;
            try {
                condition = language.compile(require.get(), PreconditionScope.scope());
            } catch (ConditionException e) {
                f.errorAt(path, e.offset(), "invalid condition: " + e.getMessage(), e.hint());
                continue;
            }
            condition.notes().forEach(note -> f.warning(path, note, ""));
            checkParameters(runbook, condition, path, f);
            checkReads(runbook, remediation, require.get(), path, f);
        }
    }

    private static void checkParameters(RunbookSpec runbook, Condition condition, String path, Findings f) {
        Set<String> declared = new LinkedHashSet<>();
        runbook.parameters().stream().map(ParameterSpec::name).forEach(declared::add);
        for (String name : condition.selectedFields("params")) {
            if (declared.contains(name)) {
                continue;
            }
            int at = condition.source().indexOf("params." + name);
            f.errorAt(
                    path,
                    at < 0 ? -1 : at + "params.".length(),
                    "condition reads parameter '" + name + "', which this runbook does not declare",
                    ClosestNames.best(name, declared)
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse("declare it under parameters"));
        }
    }

    /** Every {@code diagnostics.<id>.<fact>} names a step of the runbook and a fact of that step's type. */
    private void checkReads(RunbookSpec runbook, RemediationSpec remediation, String source, String path, Findings f) {
        Map<String, DiagnosticSpec> steps = new LinkedHashMap<>();
        runbook.diagnostics().forEach(d -> steps.put(d.id(), d));
        List<FactRead> reads = FactRead.in(source);
        boolean readsAStep = !reads.isEmpty();
        for (FactRead read : reads) {
            String id = read.step();
            DiagnosticSpec step = steps.get(id);
            if (step == null) {
                f.errorAt(
                        path,
                        read.stepOffset(),
                        "'require' of '" + remediation.id() + "' reads diagnostic '" + id
                                + "', which this runbook does not define",
                        ClosestNames.best(id, steps.keySet())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("this runbook defines: " + String.join(", ", steps.keySet())));
                continue;
            }
            String fact = read.fact();
            if (step.type() == null) {
                continue;
            }
            Optional<Map<String, ValueType>> declared = types.facts(step.type());
            if (declared.isEmpty()) {
                continue; // ConditionRule reports the type without an executor
            }
            Set<String> facts = new LinkedHashSet<>(declared.get().keySet());
            facts.add(StepReadings.STATUS);
            facts.add(StepReadings.REASON);
            facts.add(StepReadings.FAILURE);
            if (!facts.contains(fact)) {
                f.errorAt(
                        path,
                        read.factOffset(),
                        "'require' of '" + remediation.id() + "' reads " + read + ", but step '" + id + "' ("
                                + step.type().yamlName() + ") has no fact '" + fact + "'",
                        ClosestNames.best(fact, facts)
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("its facts: " + String.join(", ", facts)));
            }
        }
        if (!readsAStep && source.contains("diagnostics")) {
            f.errorAt(
                    path,
                    source.indexOf("diagnostics"),
                    "'require' reads 'diagnostics' without naming a step and a fact",
                    "write diagnostics.<step>.<fact>, so the bot knows which steps to run again");
        }
    }
}
