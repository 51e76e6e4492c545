package dev.runbookbot.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The free-form {@code config} block of a diagnostic or an action, as parsed from YAML: an immutable tree of
 * {@link String}, {@link Number}, {@link Boolean}, {@link List} and {@link Map} values. Each diagnostic type or
 * action parses it into its own typed config record and reports problems against {@link #path()}, the dotted path of
 * the block inside the runbook (for example {@code diagnostics[2].config}).
 */
public record StepConfig(Map<String, Object> values, String path) {
    public StepConfig {
        values = values == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public static StepConfig empty(String path) {
        return new StepConfig(Map.of(), path);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value at {@code key} as text, if it is a scalar. */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Map || value instanceof List) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(value));
    }

    /** The dotted path of a key in this block, for error messages. */
    public String pathOf(String key) {
        return path + "." + key;
    }
}
