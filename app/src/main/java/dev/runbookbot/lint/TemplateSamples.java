package dev.runbookbot.lint;

import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ParameterType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample values that stand in for the real ones when lint checks where a template's placeholders may stand: one per
 * parameter type and per fact type (a number may stand outside a quoted PromQL string, text may not; a list or a map
 * cannot be rendered), and sample trees for facts read along several paths, merged so that every path finds a value.
 */
final class TemplateSamples {
    static final String SAMPLE_TEXT = "text";

    private TemplateSamples() {}

    /** A value of a fact's type, for placement checks (a list or a map cannot be rendered, as at run time). */
    static Object sample(ValueType type) {
        return switch (type) {
            case BOOL -> Boolean.TRUE;
            case INT -> 1L;
            case DOUBLE -> 1.5;
            case STRING, DYN -> SAMPLE_TEXT;
            case STRING_LIST -> List.of(SAMPLE_TEXT);
            case MAP_LIST -> List.of(Map.of());
            case STRING_MAP, MAP, MAP_OF_MAPS -> Map.of();
            case TIMESTAMP -> Instant.EPOCH;
        };
    }

    /** Two sample trees for the same fact (two paths into it), merged so that both paths find a value. */
    @SuppressWarnings("unchecked")
    static Object merge(Object a, Object b) {
        if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) left);
            right.forEach((k, v) -> merged.merge((String) k, v, TemplateSamples::merge));
            return merged;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            List<Object> merged = new java.util.ArrayList<>();
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                merged.add(
                        i >= left.size()
                                ? right.get(i)
                                : i >= right.size() ? left.get(i) : merge(left.get(i), right.get(i)));
            }
            return merged;
        }
        return b;
    }

    /**
     * A value of the parameter's type, for placement checks: a number or a duration may stand outside a quoted PromQL
     * string, text may not. Alert labels and annotations are always text.
     */
    static Object sample(ParameterType type) {
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
}
