package dev.runbookbot.runbook.lint;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.TriggerSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every template parses, names only parameters the runbook declares ({@code labels.*} and {@code annotations.*} come
 * from the alert and may be any name), and stands where its sink can take it safely (see {@link ConfigSinks}): inside
 * a quoted PromQL string, outside SQL quotes, after a URL's host.
 */
final class TemplateRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Set<String> parameters =
                runbook.parameters().stream().map(ParameterSpec::name).collect(Collectors.toSet());
        Checker checker = new Checker(parameters, f);
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            if (diagnostic.type() != null && diagnostic.config() != null) {
                checker.config(diagnostic.config(), key -> ConfigSinks.forDiagnostic(diagnostic.type(), key));
            }
        }
        for (RemediationSpec remediation : runbook.remediations()) {
            String path = f.pathOf(remediation);
            remediation
                    .instructions()
                    .ifPresent(text -> checker.text(text, Findings.child(path, "instructions"), TemplateSink.TEXT));
            if (remediation.action().isPresent()) {
                ActionSpec action = remediation.action().get();
                if (action.type() != null && action.config() != null) {
                    checker.config(action.config(), key -> ConfigSinks.forAction(action.type(), key));
                }
            }
        }
        for (TriggerSpec trigger : runbook.triggers()) {
            trigger.metricQuery()
                    .ifPresent(query ->
                            checker.text(query, Findings.child(f.pathOf(trigger), "metricQuery"), TemplateSink.PROMQL));
        }
    }

    /** Checks the templates of one runbook. */
    private static final class Checker {
        private final Set<String> parameters;
        private final Findings f;

        Checker(Set<String> parameters, Findings f) {
            this.parameters = parameters;
            this.f = f;
        }

        void config(StepConfig config, Function<String, TemplateSink> sinks) {
            walk(config.values(), config.path(), "", sinks);
        }

        private void walk(Object value, String path, String key, Function<String, TemplateSink> sinks) {
            if (value instanceof String text) {
                text(text, path, sinks.apply(key));
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String name = String.valueOf(entry.getKey());
                    walk(entry.getValue(), path + "." + name, key.isEmpty() ? name : key + "." + name, sinks);
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), path + "[" + i + "]", key + "[" + i + "]", sinks);
                }
            }
        }

        void text(String text, String path, TemplateSink sink) {
            if (!Template.isTemplated(text)) {
                return;
            }
            Template template;
            try {
                template = Template.parse(text);
            } catch (TemplateException e) {
                f.errorAt(path, e.offset(), "invalid template: " + e.getMessage(), "");
                return;
            }
            boolean declared = true;
            for (TemplateVariable variable : template.variables()) {
                if (variable.scope() == TemplateVariable.Scope.PARAMS && !parameters.contains(variable.name())) {
                    declared = false;
                    String hint = ClosestNames.best(variable.name(), parameters)
                            .map(s -> "did you mean 'params." + s + "'?")
                            .orElse("declare it under parameters");
                    f.errorAt(
                            path,
                            offsetOf(text, variable),
                            "template uses " + variable + ", which this runbook does not declare",
                            hint);
                }
            }
            if (!declared) {
                return;
            }
            try {
                template.checkPlacement(sink);
            } catch (TemplateException e) {
                f.errorAt(path, e.offset(), e.getMessage(), "");
            }
        }

        private static int offsetOf(String text, TemplateVariable variable) {
            Matcher m = Pattern.compile(
                            "\\{\\{\\s*" + Pattern.quote(variable.scope().prefix()) + "\\."
                                    + Pattern.quote(variable.name()) + "\\s*}}")
                    .matcher(text);
            return m.find() ? m.start() : -1;
        }
    }
}
