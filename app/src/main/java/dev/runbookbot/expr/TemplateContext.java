package dev.runbookbot.expr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a template may name: {@code params.<name>} (declared runbook parameters, already typed and defaulted),
 * {@code labels.<name>} and {@code annotations.<name>} (from the alert, hostile data), and {@code
 * diagnostics.<step>.<fact>}: the results of the earlier steps a diagnostic {@code needs}, each a map of its facts
 * plus {@code status}, {@code reason} and {@code failure} (empty outside such a step). Values are data: rendering never
 * re-parses them. {@code now} is the run's one frozen instant (see {@link #withNow}): every template and
 * condition of a run reads the same moment; empty outside a run (a trigger's query, a template checked by lint). {@code item} is a {@code forEach} loop's current
 * element (see {@link #withItem}), empty outside a loop.
 */
public record TemplateContext(
        Map<String, Object> params,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, Map<String, Object>> diagnostics,
        Optional<Instant> now,
        Optional<Object> item) {
    public TemplateContext {
        params = Map.copyOf(params);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(item, "item");
    }

    public TemplateContext(
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, Map<String, Object>> diagnostics,
            Optional<Instant> now) {
        this(params, labels, annotations, diagnostics, now, Optional.empty());
    }

    public TemplateContext(
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, Map<String, Object>> diagnostics) {
        this(params, labels, annotations, diagnostics, Optional.empty());
    }

    public TemplateContext(Map<String, Object> params, Map<String, String> labels, Map<String, String> annotations) {
        this(params, labels, annotations, Map.of());
    }

    public static TemplateContext empty() {
        return new TemplateContext(Map.of(), Map.of(), Map.of());
    }

    /** The same inputs, with {@code diagnostics} as the earlier steps' results. */
    public TemplateContext withDiagnostics(Map<String, Map<String, Object>> steps) {
        return new TemplateContext(params, labels, annotations, steps, now, item);
    }

    /** The same inputs, with {@code element} as a {@code forEach} loop's current {@code item}. */
    public TemplateContext withItem(Object element) {
        return new TemplateContext(params, labels, annotations, diagnostics, now, Optional.of(element));
    }

    /** The same inputs, with {@code now} frozen at {@code instant} (to the millisecond) for the whole run. */
    public TemplateContext withNow(Instant instant) {
        return new TemplateContext(
                params, labels, annotations, diagnostics, Optional.of(instant.truncatedTo(ChronoUnit.MILLIS)), item);
    }

    /** The same inputs with {@code now} at {@code instant} unless a moment is already pinned (a test's {@code now}). */
    public TemplateContext withNowUnlessPinned(Instant instant) {
        return now.isPresent() ? this : withNow(instant);
    }

    /** Looks up {@code scope.name} and then its path; empty when the value (or any element on the way) is absent. */
    public Optional<Object> lookup(TemplateVariable variable) {
        Object value =
                switch (variable.scope()) {
                    case PARAMS -> params.get(variable.name());
                    case LABELS -> labels.get(variable.name());
                    case ANNOTATIONS -> annotations.get(variable.name());
                    case DIAGNOSTICS -> diagnostics.get(variable.name());
                    case ITEM -> item.orElse(null);
                };
        for (Object element : variable.path()) {
            if (value instanceof Map<?, ?> map && element instanceof String key) {
                value = map.get(key);
            } else if (value instanceof List<?> list && element instanceof Integer index) {
                value = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(value);
    }
}
