package dev.runbookbot.expr;

import java.util.Map;

/** The variables a condition may use and their types; checked when the condition is compiled. */
public record ConditionScope(Map<String, ValueType> variables) {
    public ConditionScope {
        variables = Map.copyOf(variables);
    }
}
