package dev.runbookbot.expr;

import java.util.Map;
import java.util.Optional;

/**
 * The values a template may name: {@code params.<name>} (declared runbook parameters, already typed and defaulted),
 * {@code labels.<name>} and {@code annotations.<name>} (from the alert, hostile data). Values are data: rendering never
 * re-parses them.
 */
public record TemplateContext(Map<String, Object> params, Map<String, String> labels, Map<String, String> annotations) {
    public TemplateContext {
        params = Map.copyOf(params);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public static TemplateContext empty() {
        return new TemplateContext(Map.of(), Map.of(), Map.of());
    }

    /** Looks up {@code scope.name}; empty when the value is absent. */
    public Optional<Object> lookup(TemplateVariable variable) {
        return Optional.ofNullable(
                switch (variable.scope()) {
                    case PARAMS -> params.get(variable.name());
                    case LABELS -> labels.get(variable.name());
                    case ANNOTATIONS -> annotations.get(variable.name());
                });
    }
}
