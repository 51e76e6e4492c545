package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an interpret condition sees: the facts its diagnostic type declares (see {@link DiagnosticExecutor#facts()}),
 * plus {@code params} (the runbook's parameters, map) and {@code labels} (the alert's labels, map of strings).
 */
public final class InterpretScope {
    public static final String PARAMS = "params";
    public static final String LABELS = "labels";

    private InterpretScope() {}

    /** The scope for a diagnostic type with these facts. A fact may not be named {@code params} or {@code labels}. */
    public static ConditionScope of(Map<String, ValueType> facts) {
        if (facts.containsKey(PARAMS) || facts.containsKey(LABELS)) {
            throw new IllegalArgumentException("a fact may not be named '" + PARAMS + "' or '" + LABELS + "'");
        }
        Map<String, ValueType> variables = new LinkedHashMap<>(facts);
        variables.put(PARAMS, ValueType.MAP);
        variables.put(LABELS, ValueType.STRING_MAP);
        return new ConditionScope(variables);
    }

    /** The values for one observation. */
    public static Map<String, Object> variables(
            Map<String, Object> facts, Map<String, Object> params, Map<String, String> labels) {
        Map<String, Object> variables = new LinkedHashMap<>(facts);
        variables.put(PARAMS, params);
        variables.put(LABELS, labels);
        return variables;
    }
}
