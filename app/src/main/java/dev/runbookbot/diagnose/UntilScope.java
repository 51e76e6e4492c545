package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a remediation's {@code until} condition sees: {@code diagnostics} (the steps it reads, just run again, each as
 * {@link StepReadings} writes it), {@code params}, {@code labels}, {@code annotations}, {@code now} (the moment of
 * the check) and, in a {@code forEach}, {@code item} (the item the last iteration acted on).
 */
public final class UntilScope {
    private static final ConditionScope PLAIN = build(false);
    private static final ConditionScope LOOPED = build(true);

    private UntilScope() {}

    /** The scope of an {@code until} condition; {@code looped} for a remediation with {@code forEach}. */
    public static ConditionScope scope(boolean looped) {
        return looped ? LOOPED : PLAIN;
    }

    private static ConditionScope build(boolean looped) {
        Map<String, ValueType> variables = new LinkedHashMap<>();
        variables.put("params", ValueType.MAP);
        variables.put("labels", ValueType.STRING_MAP);
        variables.put("annotations", ValueType.STRING_MAP);
        variables.put(InterpretScope.DIAGNOSTICS, ValueType.MAP_OF_MAPS);
        variables.put(InterpretScope.NOW, ValueType.TIMESTAMP);
        if (looped) {
            variables.put(InterpretScope.ITEM, ValueType.DYN);
        }
        return new ConditionScope(variables);
    }

    /** The values for one check: the inputs, the fresh results, and the item when there is one. */
    public static Map<String, Object> variables(TemplateContext context) {
        Map<String, Object> variables = new LinkedHashMap<>(WhenScope.variables(context));
        context.item().ifPresent(item -> variables.put(InterpretScope.ITEM, item));
        return variables;
    }
}
