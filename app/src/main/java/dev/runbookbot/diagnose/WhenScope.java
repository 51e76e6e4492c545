package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step's {@code when} sees: {@code params}, {@code labels}, {@code annotations} (the run's inputs) and
 * {@code diagnostics}, the steps it needs by id (each as {@link StepReadings} writes it: facts, {@code status},
 * {@code reason}, {@code failure}); and {@code now}, the run's frozen moment.
 */
public final class WhenScope {
    public static final String DIAGNOSTICS = "diagnostics";

    private static final ConditionScope SCOPE = new ConditionScope(Map.of(
            "params",
            ValueType.MAP,
            "labels",
            ValueType.STRING_MAP,
            "annotations",
            ValueType.STRING_MAP,
            DIAGNOSTICS,
            ValueType.MAP_OF_MAPS,
            InterpretScope.NOW,
            ValueType.TIMESTAMP));

    private WhenScope() {}

    public static ConditionScope scope() {
        return SCOPE;
    }

    /** The values for one step: the inputs and the results of the steps it needs. */
    public static Map<String, Object> variables(TemplateContext context) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("params", context.params());
        variables.put("labels", context.labels());
        variables.put("annotations", context.annotations());
        variables.put(DIAGNOSTICS, context.diagnostics());
        context.now().ifPresent(now -> variables.put(InterpretScope.NOW, now));
        return variables;
    }
}
