package dev.runbookbot.lint;

import dev.runbookbot.decide.DecisionScope;
import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.diagnose.StepGraph;
import dev.runbookbot.diagnose.WhenScope;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every condition compiles and type-checks against exactly the variables it will see at run time, and names only
 * diagnostics and parameters the runbook defines. A condition the language accepted after rewriting (the seed's
 * {@code ===}) gets a warning that shows the rewrite.
 *
 * <p>The scopes are the ones the bot evaluates with: {@link InterpretScope} (the diagnostic type's facts,
 * {@code params}, {@code labels}, {@code diagnostics} of the steps it needs), {@link WhenScope} for a step's
 * {@code when} and {@link DecisionScope} ({@code diagnostics} by step id, {@code params},
 * {@code labels}, {@code annotations}, {@code severity}, {@code overall_severity}); docs/conditions.md documents them.
 */
final class ConditionRule implements RunbookRule {
    private final ConditionLanguage language;
    private final DiagnosticTypes types;

    ConditionRule(ConditionLanguage language, DiagnosticTypes types) {
        this.language = language;
        this.types = types;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Set<String> diagnosticIds = runbook.diagnostics().stream()
                .map(DiagnosticSpec::id)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        Set<String> parameters = runbook.parameters().stream()
                .map(ParameterSpec::name)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (DecisionSpec decision : runbook.decisionTree()) {
            if (decision.fallback()) {
                continue;
            }
            String path = Findings.child(f.pathOf(decision), "condition");
            compile(decision.condition(), DecisionScope.scope(), path, f).ifPresent(condition -> {
                checkNames(condition, "diagnostics", "diagnostic", "define", diagnosticIds, path, f);
                checkNames(condition, "params", "parameter", "declare", parameters, path, f);
            });
        }
        StepGraph graph = StepGraph.of(runbook.diagnostics());
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            String path = f.pathOf(diagnostic);
            Set<String> readable = graph.ancestors(diagnostic.id());
            if (diagnostic.when().isPresent()) {
                String whenPath = Findings.child(path, "when");
                compile(diagnostic.when().get(), WhenScope.scope(), whenPath, f).ifPresent(condition -> {
                    checkNames(condition, "params", "parameter", "declare", parameters, whenPath, f);
                    checkNeeded(condition, diagnostic, readable, diagnosticIds, whenPath, f);
                });
            }
            if (diagnostic.type() == null) {
                continue;
            }
            Optional<Map<String, ValueType>> facts = types.facts(diagnostic.type());
            if (facts.isEmpty()) {
                f.error(
                        Findings.child(path, "type"),
                        "no executor is registered for diagnostic type '"
                                + diagnostic.type().yamlName() + "'",
                        "its conditions and config cannot be checked");
                continue;
            }
            ConditionScope scope = InterpretScope.of(
                    facts.get(),
                    !diagnostic.needs().isEmpty(),
                    diagnostic.forEach().isPresent());
            InterpretSpec interpret = diagnostic.interpret();
            String interpretPath = Findings.child(path, "interpret");
            if (interpret.critical().isEmpty()
                    && interpret.warning().isEmpty()
                    && interpret.healthy().isEmpty()) {
                f.error(
                        interpretPath,
                        "'interpret' has no condition",
                        "give at least one of critical, warning and healthy");
                continue;
            }
            for (Map.Entry<String, Optional<String>> level : List.of(
                    Map.entry("critical", interpret.critical()),
                    Map.entry("warning", interpret.warning()),
                    Map.entry("healthy", interpret.healthy()))) {
                if (level.getValue().isEmpty()) {
                    continue;
                }
                String levelPath = Findings.child(interpretPath, level.getKey());
                compile(level.getValue().get(), scope, levelPath, f).ifPresent(condition -> {
                    checkNames(condition, "params", "parameter", "declare", parameters, levelPath, f);
                    checkNeeded(condition, diagnostic, readable, diagnosticIds, levelPath, f);
                });
            }
        }
    }

    private Optional<Condition> compile(String source, ConditionScope scope, String path, Findings f) {
        if (source.isBlank()) {
            return Optional.empty();
        }
        try {
            Condition condition = language.compile(source, scope);
            for (String note : condition.notes()) {
                // the note shows the rewrite when the language says it; otherwise lint adds it
                f.warning(path, note, note.contains(condition.canonical()) ? "" : "rewrite: " + condition.canonical());
            }
            return Optional.of(condition);
        } catch (ConditionException e) {
            f.errorAt(path, e.offset(), "invalid condition: " + e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    /**
     * A step's own conditions may read only the steps it needs ({@code diagnostics.<id>}), directly or through another
     * step: the others may not have finished when it runs.
     */
    private static void checkNeeded(
            Condition condition,
            DiagnosticSpec step,
            Set<String> readable,
            Set<String> defined,
            String path,
            Findings f) {
        for (String name : condition.selectedFields(InterpretScope.DIAGNOSTICS)) {
            if (readable.contains(name)) {
                continue;
            }
            int offset = condition.source().indexOf(InterpretScope.DIAGNOSTICS + "." + name);
            int at = offset < 0 ? -1 : offset + InterpretScope.DIAGNOSTICS.length() + 1;
            if (!defined.contains(name)) {
                f.errorAt(
                        path,
                        at,
                        "condition reads diagnostic '" + name + "', which this runbook does not define",
                        ClosestNames.best(name, defined)
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("this runbook defines: " + String.join(", ", defined)));
            } else if (name.equals(step.id())) {
                f.errorAt(
                        path,
                        at,
                        "step '" + step.id() + "' reads itself as a diagnostic",
                        "a step reads its own facts by name, and the steps it needs as diagnostics.<id>");
            } else {
                f.errorAt(
                        path,
                        at,
                        "condition reads diagnostic '" + name + "', which step '" + step.id() + "' does not need",
                        "add it to the step's needs (needs: [" + name + "]) so it has finished first");
            }
        }
    }

    private static void checkNames(
            Condition condition,
            String variable,
            String what,
            String verb,
            Set<String> known,
            String path,
            Findings f) {
        for (String name : condition.selectedFields(variable)) {
            if (known.contains(name)) {
                continue;
            }
            String hint = ClosestNames.best(name, known)
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse(
                            known.isEmpty()
                                    ? "this runbook " + verb + "s none"
                                    : "this runbook " + verb + "s: " + String.join(", ", known));
            int offset = condition.source().indexOf(variable + "." + name);
            f.errorAt(
                    path,
                    offset < 0 ? -1 : offset + variable.length() + 1,
                    "condition reads " + what + " '" + name + "', which this runbook does not " + verb,
                    hint);
        }
    }
}
