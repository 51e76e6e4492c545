package dev.runbookbot.lint;

import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named queries of a {@code prometheus_query} step are read by name, and the names are checked like facts: a
 * condition or template that reads {@code queries.<name>} (in its own step) or {@code diagnostics.<id>.queries.<name>}
 * (elsewhere) must name one of the step's {@code queries}, and a step that has only named queries has no top-level
 * fact (no {@code value}) to read.
 */
final class NamedQueryRule implements RunbookRule {
    private static final String QUERIES = "queries";
    private static final Pattern READ = Pattern.compile(
            "diagnostics\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])\\s*\\.\\s*queries"
                    + "\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    private final ConditionLanguage language;
    private final DiagnosticTypes types;

    NamedQueryRule(ConditionLanguage language, DiagnosticTypes types) {
        this.language = language;
        this.types = types;
    }

    /** A step's named queries, and whether it has a main {@code query} too. */
    private record Named(Set<String> names, boolean main) {}

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Map<String, Named> named = new LinkedHashMap<>();
        for (DiagnosticSpec step : runbook.diagnostics()) {
            if (step.type() == DiagnosticType.PROMETHEUS_QUERY
                    && step.config() != null
                    && step.config().values().get(QUERIES) instanceof Map<?, ?> queries) {
                Set<String> names = new LinkedHashSet<>();
                queries.keySet().forEach(k -> names.add(String.valueOf(k)));
                named.put(step.id(), new Named(names, step.config().values().containsKey("query")));
            }
        }
        for (DiagnosticSpec step : runbook.diagnostics()) {
            String path = f.pathOf(step);
            step.when().ifPresent(when -> readsOfOthers(when, Findings.child(path, "when"), named, f));
            if (step.interpret() != null) {
                interpret("critical", step.interpret().critical(), step, path, named, f);
                interpret("warning", step.interpret().warning(), step, path, named, f);
                interpret("healthy", step.interpret().healthy(), step, path, named, f);
            }
            if (step.config() != null) {
                templates(step.config().values(), step.config().path(), named, f);
            }
        }
        for (DecisionSpec decision : runbook.decisionTree()) {
            if (!decision.fallback() && decision.condition() != null) {
                readsOfOthers(decision.condition(), Findings.child(f.pathOf(decision), "condition"), named, f);
            }
        }
    }

    private void interpret(
            String level,
            Optional<String> source,
            DiagnosticSpec step,
            String path,
            Map<String, Named> named,
            Findings f) {
        if (source.isEmpty() || step.type() == null) {
            return;
        }
        String levelPath = Findings.child(Findings.child(path, "interpret"), level);
        readsOfOthers(source.get(), levelPath, named, f);
        Named own = named.get(step.id());
        Optional<Map<String, ValueType>> facts = types.facts(step.type());
        if (own == null || facts.isEmpty() || f.hasErrorAt(levelPath)) {
            return;
        }
        Condition condition;
        try {
            ConditionScope scope = InterpretScope.of(facts.get(), !step.needs().isEmpty());
            condition = language.compile(source.get(), scope);
        } catch (ConditionException e) {
            return; // ConditionRule reports it
        }
        for (String name : condition.selectedFields(QUERIES)) {
            int at = source.get().indexOf(QUERIES + "." + name);
            unknown(step.id(), name, own, source.get(), at < 0 ? -1 : at + QUERIES.length() + 1, levelPath, f);
        }
        if (!own.main()) {
            for (String variable : condition.variables()) {
                if (facts.get().containsKey(variable) && !variable.equals(QUERIES)) {
                    f.errorAt(
                            levelPath,
                            source.get().indexOf(variable),
                            "step '" + step.id() + "' has only named queries, so it has no fact '" + variable + "'",
                            "read one query's: queries."
                                    + own.names().iterator().next() + "." + variable);
                    return;
                }
            }
        }
    }

    /** {@code diagnostics.<id>.queries.<name>} in a condition: the name must be one of that step's queries. */
    private static void readsOfOthers(String source, String path, Map<String, Named> named, Findings f) {
        Matcher m = READ.matcher(source);
        while (m.find()) {
            String id = m.group(1) != null ? m.group(1) : m.group(2);
            String name = m.group(3) != null ? m.group(3) : m.group(4);
            Named target = named.get(id);
            if (target != null) {
                unknown(id, name, target, source, m.start(m.group(3) != null ? 3 : 4), path, f);
            }
        }
    }

    /** {@code {{ diagnostics.<id>.queries.<name>... }}} in a step's config. */
    private static void templates(Object value, String path, Map<String, Named> named, Findings f) {
        if (value instanceof String text && Template.isTemplated(text)) {
            Template template;
            try {
                template = Template.parse(text);
            } catch (TemplateException e) {
                return; // TemplateRule reports it
            }
            for (TemplateVariable variable : template.variables()) {
                List<Object> p = variable.path();
                Named target = named.get(variable.name());
                if (variable.scope() == TemplateVariable.Scope.DIAGNOSTICS
                        && target != null
                        && p.size() >= 2
                        && QUERIES.equals(p.get(0))
                        && p.get(1) instanceof String name) {
                    int at = text.indexOf("." + QUERIES + "." + name);
                    unknown(variable.name(), name, target, text, at < 0 ? -1 : at + QUERIES.length() + 2, path, f);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> templates(v, path + "." + k, named, f));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                templates(list.get(i), path + "[" + i + "]", named, f);
            }
        }
    }

    private static void unknown(
            String id, String name, Named target, String source, int offset, String path, Findings f) {
        if (target.names().contains(name)) {
            return;
        }
        f.errorAt(
                path,
                offset,
                "step '" + id + "' has no query named '" + name + "'",
                ClosestNames.best(name, target.names())
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("its queries: " + String.join(", ", target.names())));
    }
}
