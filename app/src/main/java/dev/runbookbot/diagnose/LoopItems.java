package dev.runbookbot.diagnose;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.runbook.LoopSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The items of a {@code forEach}: the list written in the runbook, or the list fact its {@code items} path names,
 * read from the results of the steps that have finished ({@code context.diagnostics()}). Also how one item is named in
 * reasons, previews and the thread. Stateless and thread-safe.
 */
public final class LoopItems {
    private static final int MAX_LABEL = 80;

    /** The items, or why there are none to iterate over ({@code resolved} empty, {@code problem} set). */
    public record Resolved(List<Object> items, Optional<String> problem) {
        public Resolved {
            items = List.copyOf(items);
        }

        static Resolved of(List<?> items) {
            return new Resolved(List.copyOf(items), Optional.empty());
        }

        static Resolved failed(String problem) {
            return new Resolved(List.of(), Optional.of(problem));
        }
    }

    private LoopItems() {}

    /** Every item, in order (not capped: the caller compares the count with the loop's bound). */
    public static Resolved resolve(LoopSpec loop, TemplateContext context) {
        if (loop.itemsFrom().isEmpty()) {
            return Resolved.of(loop.items());
        }
        String path = loop.itemsFrom().get();
        Optional<TemplateVariable> variable = variable(path);
        if (variable.isEmpty()) {
            return Resolved.failed(
                    "forEach items '" + path + "' is not the path of a fact (diagnostics.<step>.<fact>)");
        }
        Map<String, Object> step = context.diagnostics().get(variable.get().name());
        if (step == null) {
            return Resolved.failed(
                    "forEach items " + path + ": step '" + variable.get().name() + "' has no result");
        }
        Object status = step.get(StepReadings.STATUS);
        if (DiagnosticStatus.ERROR.label().equals(status)
                || DiagnosticStatus.SKIPPED.label().equals(status)) {
            return Resolved.failed("forEach items " + path + ": step '"
                    + variable.get().name() + "' is " + status + " (" + step.get(StepReadings.REASON) + ")");
        }
        Optional<Object> value = context.lookup(variable.get());
        if (value.isEmpty()) {
            return Resolved.failed("forEach items " + path + " has no value");
        }
        if (!(value.get() instanceof List<?> list)) {
            return Resolved.failed("forEach items " + path + " is not a list: " + FactText.format(value.get()));
        }
        return Resolved.of(list);
    }

    /**
     * The variable an {@code items} path names, when it is exactly one {@code diagnostics.<step>.<fact>...} path
     * (without functions or anything else around it).
     */
    public static Optional<TemplateVariable> variable(String path) {
        try {
            Template template = Template.parse("{{ " + path + " }}");
            if (template.variables().size() != 1) {
                return Optional.empty();
            }
            TemplateVariable variable = template.variables().iterator().next();
            return variable.scope() == TemplateVariable.Scope.DIAGNOSTICS
                            && variable.fact().isPresent()
                            && variable.toString().equals(path.strip())
                    ? Optional.of(variable)
                    : Optional.empty();
        } catch (TemplateException e) {
            return Optional.empty();
        }
    }

    /**
     * How an item reads for a person: text and numbers as they are; a series (a map with {@code labels}) as {@code
     * {namespace="shop", pod="checkout-1"}}; an iteration of another loop by its item; another map as its entries; cut
     * at 80 characters.
     */
    public static String label(Object item) {
        String text;
        if (item instanceof Map<?, ?> map && map.containsKey("item") && map.containsKey(StepReadings.STATUS)) {
            return label(map.get("item")); // an iteration of another loop: named by its own item
        }
        if (item instanceof Map<?, ?> map && map.get("labels") instanceof Map<?, ?> labels) {
            text = entries(labels);
        } else if (item instanceof Map<?, ?> map) {
            text = entries(map);
        } else if (item instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            text = String.valueOf(d.longValue());
        } else {
            text = String.valueOf(item);
        }
        text = text.replace("\n", " ");
        return text.length() > MAX_LABEL ? text.substring(0, MAX_LABEL) + "…" : text;
    }

    private static String entries(Map<?, ?> map) {
        Map<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(
                String.valueOf(k),
                v instanceof Map<?, ?> || v instanceof List<?> ? FactText.format(v) : String.valueOf(v)));
        return sorted.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
