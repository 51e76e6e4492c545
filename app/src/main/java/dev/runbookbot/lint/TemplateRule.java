package dev.runbookbot.lint;

import dev.runbookbot.diagnose.StepGraph;
import dev.runbookbot.diagnose.StepReadings;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.runbook.TriggerSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private static final String REMEDIATION_NOW =
            "a remediation: it is rendered when it runs, after approval, and `now` is the diagnosis' moment";
    private static final String TRIGGER_NOW =
            "a trigger's metricQuery: triggers are matched and watched outside any run, and `now` is a run's moment";

    private final DiagnosticTypes types;

    TemplateRule(DiagnosticTypes types) {
        this.types = types;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Map<String, Object> samples = new HashMap<>();
        for (ParameterSpec parameter : runbook.parameters()) {
            samples.put(parameter.name(), TemplateSamples.sample(parameter.type()));
        }
        StepGraph graph = StepGraph.of(runbook.diagnostics());
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            if (diagnostic.type() != null && diagnostic.config() != null) {
                Map<String, DiagnosticSpec> readable = new LinkedHashMap<>();
                graph.ancestors(diagnostic.id())
                        .forEach(id -> runbook.diagnostic(id).ifPresent(d -> readable.put(id, d)));
                new Checker(samples, readable, diagnostic.id(), types, f)
                        .looped(diagnostic.forEach().isPresent())
                        .config(diagnostic.config(), key -> ConfigSinks.forDiagnostic(diagnostic.type(), key));
            }
        }
        Checker checker = new Checker(samples, Map.of(), "", types, f).withoutNow(REMEDIATION_NOW);
        // a hand-off's with is rendered when the plan hands off, over every step's result and the run's now
        Map<String, DiagnosticSpec> everyStep = new LinkedHashMap<>();
        runbook.diagnostics().forEach(d -> everyStep.putIfAbsent(d.id(), d));
        Checker handOffs = new Checker(samples, everyStep, "", types, f);
        for (RemediationSpec remediation : runbook.remediations()) {
            String path = f.pathOf(remediation);
            remediation
                    .instructions()
                    .ifPresent(text -> checker.text(text, Findings.child(path, "instructions"), TemplateSink.TEXT));
            remediation.handOff().ifPresent(handOff -> handOff.with()
                    .forEach((name, value) ->
                            handOffs.text(value, Findings.child(path, "with." + name), TemplateSink.TEXT)));
            remediation
                    .reason()
                    .ifPresent(text -> checker.text(text, Findings.child(path, "reason"), TemplateSink.TEXT));
            if (remediation.action().isPresent()) {
                ActionSpec action = remediation.action().get();
                if (action.type() != null && action.config() != null) {
                    new Checker(samples, Map.of(), "", types, f)
                            .withoutNow(REMEDIATION_NOW)
                            .looped(remediation.forEach().isPresent())
                            .config(action.config(), key -> ConfigSinks.forAction(action.type(), key));
                }
            }
        }
        Checker triggers = new Checker(samples, Map.of(), "", types, f).withoutNow(TRIGGER_NOW);
        for (TriggerSpec trigger : runbook.triggers()) {
            trigger.metricQuery()
                    .ifPresent(query -> triggers.text(
                            query, Findings.child(f.pathOf(trigger), "metricQuery"), TemplateSink.PROMQL));
        }
    }

    /**
     * Checks the templates of one place in a runbook: a diagnostic step ({@code stepId}), which may read the steps it
     * needs ({@code readable}); a hand-off's {@code with} ({@code stepId} empty), which may read every step; or
     * anywhere else ({@code stepId} empty, nothing readable), where no step's facts can be read.
     */
    private static final class Checker {
        private final Map<String, Object> parameters;
        private final Map<String, DiagnosticSpec> readable;
        private final String stepId;
        private final DiagnosticTypes types;
        private final Findings f;
        private String nowRefusal = "";
        private boolean looped;

        Checker(
                Map<String, Object> parameters,
                Map<String, DiagnosticSpec> readable,
                String stepId,
                DiagnosticTypes types,
                Findings f) {
            this.parameters = parameters;
            this.readable = readable;
            this.stepId = stepId;
            this.types = types;
            this.f = f;
        }

        /** Whether this place is in a {@code forEach}, so that its templates may read {@code item}. */
        Checker looped(boolean inLoop) {
            this.looped = inLoop;
            return this;
        }

        /** This place has no run moment: a template reading {@code now} is an error naming {@code where}. */
        Checker withoutNow(String where) {
            this.nowRefusal = where;
            return this;
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
            if (!nowRefusal.isEmpty() && template.nowOffset().isPresent()) {
                f.errorAt(
                        path,
                        template.nowOffset().getAsInt(),
                        "`now` cannot stand in " + nowRefusal,
                        "read the time in a diagnostic step or a condition (docs/conditions.md#time-now)");
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
            Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
            Object item = null;
            for (TemplateVariable variable : template.variables()) {
                if (variable.scope() == TemplateVariable.Scope.DIAGNOSTICS) {
                    declared &= readable(variable, text, path) && sampleFact(variable, steps, text, path);
                } else if (variable.scope() == TemplateVariable.Scope.ITEM && !looped) {
                    declared = false;
                    f.errorAt(
                            path,
                            offsetOf(text, variable),
                            "template uses " + variable + ", but only a step or a remediation with forEach has an item",
                            "add forEach (docs/runbook-format.md#loops-foreach-and-until), or remove it");
                } else if (variable.scope() == TemplateVariable.Scope.ITEM) {
                    Object value = TemplateSamples.SAMPLE_TEXT;
                    for (int i = variable.path().size() - 1; i >= 0; i--) {
                        Object element = variable.path().get(i);
                        value = element instanceof Integer index
                                ? java.util.Collections.nCopies(index + 1, value)
                                : Map.of((String) element, value);
                    }
                    item = item == null ? value : TemplateSamples.merge(item, value);
                }
            }
            if (!declared) {
                return;
            }
            Map<String, String> labels = new HashMap<>();
            Map<String, String> annotations = new HashMap<>();
            for (TemplateVariable variable : template.variables()) {
                switch (variable.scope()) {
                    case LABELS -> labels.put(variable.name(), TemplateSamples.SAMPLE_TEXT);
                    case ANNOTATIONS -> annotations.put(variable.name(), TemplateSamples.SAMPLE_TEXT);
                    case PARAMS, DIAGNOSTICS, ITEM -> {}
                }
            }
            TemplateContext context =
                    new TemplateContext(parameters, labels, annotations, steps).withNow(Instant.EPOCH);
            try {
                template.check(item == null ? context : context.withItem(item), sink);
            } catch (TemplateException e) {
                f.errorAt(path, e.offset(), e.getMessage(), "");
            }
        }

        /** Whether this place may read the step {@code variable} names; reports it when not. */
        private boolean readable(TemplateVariable variable, String text, String path) {
            if (readable.containsKey(variable.name())) {
                return true;
            }
            if (stepId.isEmpty() && !readable.isEmpty()) {
                f.errorAt(
                        path,
                        offsetOf(text, variable),
                        "template uses " + variable + ", but this runbook defines no step '" + variable.name() + "'",
                        ClosestNames.best(variable.name(), readable.keySet())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("this runbook defines: " + String.join(", ", readable.keySet())));
                return false;
            }
            String hint = stepId.isEmpty()
                    ? "only a diagnostic step that needs '" + variable.name() + "' can read its facts"
                    : "add it to the step's needs (needs: [" + variable.name() + "]) so it has finished first";
            f.errorAt(
                    path,
                    offsetOf(text, variable),
                    "template uses " + variable + ", but "
                            + (stepId.isEmpty()
                                    ? "only diagnostic steps read other steps"
                                    : "step '" + stepId + "' does not need '" + variable.name() + "'"),
                    hint);
            return false;
        }

        /**
         * Adds a sample value for {@code variable} to {@code steps}, of the fact's declared type; reports a fact the
         * step's type does not declare.
         */
        private boolean sampleFact(
                TemplateVariable variable, Map<String, Map<String, Object>> steps, String text, String path) {
            DiagnosticSpec step = readable.get(variable.name());
            String fact = variable.fact().orElse("");
            Map<String, ValueType> facts = new LinkedHashMap<>(
                    step.forEach().isPresent()
                            ? Map.of("iterations", ValueType.MAP_LIST)
                            : step.type() == null
                                    ? Map.of()
                                    : types.facts(step.type()).orElse(Map.of()));
            facts.put(StepReadings.STATUS, ValueType.STRING);
            facts.put(StepReadings.REASON, ValueType.STRING);
            facts.put(StepReadings.FAILURE, ValueType.STRING);
            ValueType type = facts.get(fact);
            if (type == null) {
                f.errorAt(
                        path,
                        offsetOf(text, variable),
                        "template uses " + variable + ", but step '" + variable.name() + "' has no fact '" + fact + "'",
                        ClosestNames.best(fact, facts.keySet())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("its facts: " + String.join(", ", facts.keySet())));
                return false;
            }
            Object value = variable.path().size() > 1 ? TemplateSamples.SAMPLE_TEXT : TemplateSamples.sample(type);
            for (int i = variable.path().size() - 1; i >= 1; i--) {
                Object element = variable.path().get(i);
                value = element instanceof Integer index
                        ? java.util.Collections.nCopies(index + 1, value)
                        : Map.of((String) element, value);
            }
            steps.computeIfAbsent(variable.name(), k -> new LinkedHashMap<>())
                    .merge(fact, value, TemplateSamples::merge);
            return true;
        }

        private static int offsetOf(String text, TemplateVariable variable) {
            String written = variable.toString();
            int at = text.indexOf(written);
            int braces = at < 0 ? -1 : text.lastIndexOf("{{", at);
            if (braces >= 0) {
                return braces;
            }
            Matcher m = Pattern.compile(
                            "\\{\\{\\s*" + Pattern.quote(variable.scope().prefix()) + "\\b")
                    .matcher(text);
            return m.find() ? m.start() : -1;
        }
    }
}
