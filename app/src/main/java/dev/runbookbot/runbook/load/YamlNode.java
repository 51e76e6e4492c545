package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written: the loader's intermediate tree between Jackson's token stream and the
 * runbook records. It is plain data (no anchors, aliases or tags survive reading), so nothing in it can instantiate a
 * class or refer to another node.
 */
public sealed interface YamlNode {
    SourceLocation location();

    /** A short name of the node's kind for messages: "a mapping", "a list", "text", "a number", ... */
    String describe();

    /** A mapping whose entries keep their YAML order and the position of each key. */
    record YamlMap(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
        /** One {@code key: value} pair. */
        public record Entry(String key, SourceLocation keyLocation, YamlNode value) {}

        public YamlMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record YamlList(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public YamlList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code text} as written (after YAML unquoting), {@code value} typed as the YAML core schema reads a
     * plain scalar ({@link String}, {@link Long}, {@link Double}, {@link Boolean}, or {@code null} for {@code ~},
     * {@code null} and an empty value). Quoted scalars are always strings. {@code yes}/{@code no}/{@code on}/
     * {@code off} stay strings.
     */
    record YamlScalar(String text, Object value, SourceLocation location) implements YamlNode {
        public boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Number) {
                return "a number";
            }
            return "text";
        }
    }
}
