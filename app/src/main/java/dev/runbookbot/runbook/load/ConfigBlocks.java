package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceMap;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a step's or an action's free-form {@code config} block as an immutable tree of plain values (maps, lists,
 * scalars), registering where it was written; a key without a value is a problem. Not thread-safe: one instance serves
 * one file.
 */
final class ConfigBlocks {
    private final List<Problem> problems;
    private final SourceMap.Builder sources;

    ConfigBlocks(List<Problem> problems, SourceMap.Builder sources) {
        this.problems = problems;
        this.sources = sources;
    }

    /** The free-form config block as an immutable tree of plain values. */
    StepConfig read(Fields f, String key) {
        String path = f.path(key);
        Optional<YamlNode.YamlMap> map = f.map(key);
        if (map.isEmpty()) {
            return sources.register(StepConfig.empty(path), path);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) plain(map.get(), path);
        return sources.register(new StepConfig(values, path), path);
    }

    /** A YAML node as plain values: maps, lists and scalars (a key without a value is a problem). */
    Object plain(YamlNode node, String path) {
        if (node instanceof YamlNode.YamlMap map) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (YamlNode.YamlMap.Entry entry : map.entries().values()) {
                Object value = plain(entry.value(), path + "." + entry.key());
                if (value != null) {
                    values.put(entry.key(), value);
                }
            }
            return Collections.unmodifiableMap(values);
        }
        if (node instanceof YamlNode.YamlList list) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Object value = plain(list.items().get(i), path + "[" + i + "]");
                if (value != null) {
                    values.add(value);
                }
            }
            return List.copyOf(values);
        }
        YamlNode.YamlScalar scalar = (YamlNode.YamlScalar) node;
        if (scalar.isNull()) {
            problems.add(Problem.error(
                    scalar.location(),
                    "'" + path.substring(path.lastIndexOf('.') + 1) + "' has no value",
                    "give it a value or remove it"));
        }
        return scalar.value();
    }
}
