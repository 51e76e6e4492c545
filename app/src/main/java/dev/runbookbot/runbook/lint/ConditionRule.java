package dev.runbookbot.runbook.lint;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every condition compiles and type-checks against exactly the variables it will see at run time, and names only
 * diagnostics and parameters the runbook defines. A condition the language accepted after rewriting (the seed's
 * {@code ===}) gets a warning that shows the rewrite.
 *
 * <p>Interpret conditions see the diagnostic type's facts, {@code params} and {@code labels}. Decision conditions see
 * {@code diagnostics} (by step id), {@code params}, {@code labels}, {@code annotations} and {@code severity}.
 */
final class ConditionRule implements RunbookRule {
    /** The variables of a decision condition. */
    static final ConditionScope DECISION_SCOPE = new ConditionScope(Map.of(
            "diagnostics", ValueType.MAP,
            "params", ValueType.MAP,
            "labels", ValueType.STRING_MAP,
            "annotations", ValueType.STRING_MAP,
            "severity", ValueType.STRING));

    private final ConditionLanguage language;
    private final DiagnosticTypes types;

    ConditionRule(ConditionLanguage language, DiagnosticTypes types) {
        this.language = language;
        this.types = types;
    }

    /** The variables of an interpret condition of a step whose type has {@code facts}. */
    static ConditionScope interpretScope(Map<String, ValueType> facts) {
        Map<String, ValueType> variables = new LinkedHashMap<>(facts);
        variables.put("params", ValueType.MAP);
        variables.put("labels", ValueType.STRING_MAP);
        return new ConditionScope(variables);
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
            String path = Findings.child(f.pathOf(decision), "condition");
            compile(decision.condition(), DECISION_SCOPE, path, f).ifPresent(condition -> {
                checkNames(condition, "diagnostics", "diagnostic", "define", diagnosticIds, path, f);
                checkNames(condition, "params", "parameter", "declare", parameters, path, f);
            });
        }
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            if (diagnostic.type() == null) {
                continue;
            }
            String path = f.pathOf(diagnostic);
            Optional<Map<String, ValueType>> facts = types.facts(diagnostic.type());
            if (facts.isEmpty()) {
                f.error(
                        Findings.child(path, "type"),
                        "no executor is registered for diagnostic type '"
                                + diagnostic.type().yamlName() + "'",
                        "its conditions and config cannot be checked");
                continue;
            }
            ConditionScope scope = interpretScope(facts.get());
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
                compile(level.getValue().get(), scope, levelPath, f)
                        .ifPresent(condition ->
                                checkNames(condition, "params", "parameter", "declare", parameters, levelPath, f));
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
                f.warning(path, note, "rewrite: " + condition.canonical());
            }
            return Optional.of(condition);
        } catch (ConditionException e) {
            String hint = e.hint();
            if (hint.isEmpty() && String.valueOf(e.getMessage()).contains("undeclared")) {
                hint = "this condition can use: "
                        + String.join(", ", new TreeSet<>(scope.variables().keySet()));
            }
            f.errorAt(path, e.offset(), "invalid condition: " + e.getMessage(), hint);
            return Optional.empty();
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
