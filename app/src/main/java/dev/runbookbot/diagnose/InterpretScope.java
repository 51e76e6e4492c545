package dev.runbookbot.diagnose;

import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an interpret condition sees: the facts its diagnostic type declares (see {@link DiagnosticExecutor#facts()}),
 * plus {@code params} (the runbook's parameters, map), {@code labels} (the alert's labels, map of strings),
 * {@code now} (the run's frozen moment, timestamp), for a {@code forEach} step {@code item} (its current item) and
 * for a step that {@code needs} others, {@code diagnostics} (those steps by id, as {@link StepReadings} writes them).
 */
public final class InterpretScope {
    public static final String PARAMS = "params";
    public static final String LABELS = "labels";
    public static final String DIAGNOSTICS = "diagnostics";
    /** The run's frozen moment, a CEL {@code timestamp}: {@code now - timestamp(int(value)) > duration('1h')}. */
    public static final String NOW = "now";
    /** A {@code forEach} step's current item (any value: text, a number, a series as a map). */
    public static final String ITEM = "item";

    private InterpretScope() {}

    /**
     * The scope for a step of a diagnostic type with these facts: with {@code diagnostics} when the step {@code needs}
     * others ({@code withNeeds}), without it otherwise (a step that needs nothing has no other step to read).
     */
    public static ConditionScope of(Map<String, ValueType> facts, boolean withNeeds, boolean looped) {
        ConditionScope scope = of(facts, withNeeds);
        if (!looped) {
            return scope;
        }
        Map<String, ValueType> variables = new LinkedHashMap<>(scope.variables());
        variables.put(ITEM, ValueType.DYN);
        return new ConditionScope(variables);
    }

    /** As above, for a step without {@code forEach}. */
    public static ConditionScope of(Map<String, ValueType> facts, boolean withNeeds) {
        ConditionScope scope = of(facts);
        if (!withNeeds) {
            return scope;
        }
        Map<String, ValueType> variables = new LinkedHashMap<>(scope.variables());
        variables.put(DIAGNOSTICS, ValueType.MAP_OF_MAPS);
        return new ConditionScope(variables);
    }

    /**
     * The scope for a step without needs of a diagnostic type with these facts. A fact may not be named
     * {@code params}, {@code labels} or {@code diagnostics}.
     */
    public static ConditionScope of(Map<String, ValueType> facts) {
        if (facts.containsKey(PARAMS)
                || facts.containsKey(LABELS)
                || facts.containsKey(DIAGNOSTICS)
                || facts.containsKey(NOW)) {
            throw new IllegalArgumentException("a fact may not be named '" + PARAMS + "', '" + LABELS + "', '"
                    + DIAGNOSTICS + "' or '" + NOW + "'");
        }
        Map<String, ValueType> variables = new LinkedHashMap<>(facts);
        variables.put(PARAMS, ValueType.MAP);
        variables.put(LABELS, ValueType.STRING_MAP);
        variables.put(NOW, ValueType.TIMESTAMP);
        return new ConditionScope(variables);
    }

    /** The values for one observation of a step without needs. */
    public static Map<String, Object> variables(
            Map<String, Object> facts, Map<String, Object> params, Map<String, String> labels) {
        return variables(facts, params, labels, Map.of());
    }

    /** The values for one observation, with the results of the steps it needs. */
    public static Map<String, Object> variables(
            Map<String, Object> facts,
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, Map<String, Object>> diagnostics) {
        return variables(facts, params, labels, diagnostics, Optional.empty());
    }

    /** The values for one observation in a run whose moment is {@code now} (absent: a condition reading it fails). */
    public static Map<String, Object> variables(
            Map<String, Object> facts,
            Map<String, Object> params,
            Map<String, String> labels,
            Map<String, Map<String, Object>> diagnostics,
            Optional<Instant> now) {
        Map<String, Object> variables = new LinkedHashMap<>(facts);
        variables.put(PARAMS, params);
        variables.put(LABELS, labels);
        if (!diagnostics.isEmpty()) {
            variables.put(DIAGNOSTICS, diagnostics);
        }
        now.ifPresent(instant -> variables.put(NOW, instant));
        return variables;
    }
}
