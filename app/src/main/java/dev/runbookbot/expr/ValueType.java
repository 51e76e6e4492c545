package dev.runbookbot.expr;

/**
 * The type of a variable a condition can see. Values passed to {@link Condition#evaluate} use Java types that match:
 * {@code Boolean}, {@code Long}, {@code Double}, {@code String}, {@code List}, {@code Map<String, ?>},
 * {@code Instant}; an
 * implementation also accepts the obvious widenings ({@code Integer} as {@code Long}, {@code Float} as {@code Double}).
 */
public enum ValueType {
    BOOL,
    INT,
    DOUBLE,
    STRING,
    /** A list of strings. */
    STRING_LIST,
    /** A map from string to string, such as a sample's labels. */
    STRING_MAP,
    /** A list of maps from string to any value, such as Prometheus samples or SQL rows. */
    MAP_LIST,
    /** A map from string to any value. */
    MAP,
    /** A map from string to maps from string to any value, such as the decision tree's diagnostics by step id. */
    MAP_OF_MAPS,
    /** Any value, checked only at evaluation time. */
    DYN,
    /** A point in time ({@code java.time.Instant}), such as {@code now}: CEL's {@code timestamp}. */
    TIMESTAMP
}
