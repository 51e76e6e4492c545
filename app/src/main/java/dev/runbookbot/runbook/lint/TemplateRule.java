package dev.runbookbot.runbook.lint;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.TriggerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every template parses, names only parameters the runbook declares ({@code labels.*} and {@code annotations.*} come
 * from the alert and may be any name), and stands where its sink can take it safely (see {@link ConfigSinks}): inside
 * a quoted PromQL string (unless the parameter is a number or a duration), outside SQL quotes, after a URL's host.
 * Placement is checked by rendering the template for its sink with a sample value of each variable's type.
 */
final class TemplateRule implements RunbookRule {
    private static final String SAMPLE_TEXT = "text";

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Map<String, Object> samples = new HashMap<>();
        for (ParameterSpec parameter : runbook.parameters()) {
            samples.put(parameter.name(), sample(parameter.type()));
        }
        Checker checker = new Checker(samples, f);
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

    /**
     * A value of the parameter's type, for placement checks: a number or a duration may stand outside a quoted PromQL
     * string, text may not. Alert labels and annotations are always text.
     */
    private static Object sample(ParameterType type) {
        if (type == null) {
            return SAMPLE_TEXT;
        }
        return switch (type) {
            case INT -> 1L;
            case NUMBER -> 1.5;
            case DURATION -> "5m";
            case BOOL -> Boolean.TRUE;
            case STRING -> SAMPLE_TEXT;
        };
    }

    /** Checks the templates of one runbook. */
    private static final class Checker {
        private final Map<String, Object> parameters;
        private final Findings f;

        Checker(Map<String, Object> parameters, Findings f) {
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
                if (variable.scope() == TemplateVariable.Scope.PARAMS && !parameters.containsKey(variable.name())) {
                    declared = false;
                    String hint = ClosestNames.best(variable.name(), parameters.keySet())
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
            Map<String, String> labels = new HashMap<>();
            Map<String, String> annotations = new HashMap<>();
            for (TemplateVariable variable : template.variables()) {
                switch (variable.scope()) {
                    case LABELS -> labels.put(variable.name(), SAMPLE_TEXT);
                    case ANNOTATIONS -> annotations.put(variable.name(), SAMPLE_TEXT);
                    case PARAMS -> {}
                }
            }
            try {
                template.render(new TemplateContext(parameters, labels, annotations), sink);
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
