package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, reporting access to the keys of one YAML mapping of a known {@link ObjectShape}. Every accessor records a
 * problem (with the position of the offending key or value) instead of throwing, and returns a usable fallback, so
 * that one pass finds every problem in the file. Unknown keys are reported when the reader is created.
 */
final class Fields {
    private final YamlNode.YamlMap map;
    private final String path;
    private final ObjectShape shape;
    private final List<Problem> problems;

    Fields(YamlNode.YamlMap map, String path, ObjectShape shape, List<Problem> problems) {
        this.map = map;
        this.path = path;
        this.shape = shape;
        this.problems = problems;
        reportUnknownKeys();
    }

    private void reportUnknownKeys() {
        for (YamlNode.YamlMap.Entry entry : map.entries().values()) {
            if (shape.keys().contains(entry.key())) {
                continue;
            }
            Optional<String> suggestion = ClosestNames.best(entry.key(), shape.keys());
            if (suggestion.isPresent()) {
                problems.add(Problem.error(
                        entry.keyLocation(),
                        "unknown key '" + entry.key() + "', did you mean '" + suggestion.get() + "'?"));
            } else {
                problems.add(Problem.error(
                        entry.keyLocation(),
                        "unknown key '" + entry.key() + "' in " + describe(),
                        "valid keys: " + String.join(", ", shape.keys())));
            }
        }
    }

    /** "the runbook" for the root, otherwise the path, e.g. "diagnostics[1]". */
    String describe() {
        return path.isEmpty() ? "the runbook" : path;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    SourceLocation location() {
        return map.location();
    }

    Optional<YamlNode> node(String key) {
        YamlNode.YamlMap.Entry entry = map.entries().get(key);
        if (entry == null) {
            if (shape.required().contains(key)) {
                problems.add(Problem.error(map.location(), describe() + " is missing required key '" + key + "'"));
            }
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Text of a scalar; numbers and booleans are taken as written. An explicit null counts as absent. */
    Optional<String> text(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.YamlScalar scalar) {
            if (scalar.isNull()) {
                missingValue(key, scalar);
                return Optional.empty();
            }
            return Optional.of(scalar.text());
        }
        wrongType(key, node.get(), "text");
        return Optional.empty();
    }

    /** Required text that must not be blank; "" when absent or wrong (already reported). */
    String requiredText(String key) {
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().isBlank()) {
            problems.add(Problem.error(location(key), "'" + key + "' must not be empty"));
        }
        return text.orElse("");
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.YamlScalar scalar && scalar.value() instanceof Boolean b) {
                return Optional.of(b);
            }
            wrongType(key, node, "true or false");
            return Optional.empty();
        });
    }

    Optional<Double> number(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.YamlScalar scalar && scalar.value() instanceof Number n) {
                return Optional.of(n.doubleValue());
            }
            wrongType(key, node, "a number");
            return Optional.empty();
        });
    }

    Optional<Long> integer(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.YamlScalar scalar && scalar.value() instanceof Long n) {
                return Optional.of(n);
            }
            wrongType(key, node, "a whole number");
            return Optional.empty();
        });
    }

    /** A number of seconds or a duration text like "10s", "2m", "1m30s" (see {@link DurationText}). */
    Optional<Duration> duration(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.YamlScalar scalar
                    && !scalar.isNull()
                    && !(scalar.value() instanceof Boolean)) {
                Optional<Duration> parsed = DurationText.parse(scalar.value());
                if (parsed.isEmpty()) {
                    problems.add(Problem.error(
                            node.location(),
                            "'" + key + "' is not a duration: '" + scalar.text() + "'",
                            "write seconds as a number (10) or a duration like \"10s\", \"2m\", \"1m30s\""));
                }
                return parsed;
            }
            wrongType(key, node, "a number of seconds or a duration like \"10s\"");
            return Optional.empty();
        });
    }

    /** One of an enum's YAML names, exactly as written in {@code names}. */
    <E extends Enum<E>> Optional<E> choice(String key, E[] values, Function<E, String> names) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> valid = new ArrayList<>();
        for (E value : values) {
            if (names.apply(value).equals(text.get())) {
                return Optional.of(value);
            }
            valid.add(names.apply(value));
        }
        String hint = ClosestNames.best(text.get(), valid)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("");
        problems.add(Problem.error(
                location(key),
                "'" + key + "' must be one of " + String.join(", ", valid) + "; found '" + text.get() + "'",
                hint));
        return Optional.empty();
    }

    /** A list of scalars as text; absent means empty. */
    List<String> textList(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.YamlList list)) {
            wrongType(key, node.get(), "a list");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            if (item instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
                texts.add(scalar.text());
            } else {
                problems.add(Problem.error(
                        item.location(), "'" + key + "[" + i + "]' must be text, found " + item.describe()));
            }
        }
        return texts;
    }

    /** One text or a list of texts ({@code needs: a} or {@code needs: [a, b]}); absent means empty. */
    List<String> textOrTextList(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isPresent() && node.get() instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
            return List.of(scalar.text());
        }
        return textList(key);
    }

    /** A mapping of text to text (label matchers); absent means empty. */
    Map<String, String> textMap(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof YamlNode.YamlMap inner)) {
            wrongType(key, node.get(), "a mapping of names to values");
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (YamlNode.YamlMap.Entry entry : inner.entries().values()) {
            if (entry.value() instanceof YamlNode.YamlScalar scalar && !scalar.isNull()) {
                texts.put(entry.key(), scalar.text());
            } else {
                problems.add(Problem.error(
                        entry.value().location(),
                        "'" + key + "." + entry.key() + "' must be text, found "
                                + entry.value().describe()));
            }
        }
        return texts;
    }

    Optional<YamlNode.YamlMap> map(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.YamlMap inner) {
                return Optional.of(inner);
            }
            wrongType(key, node, "a mapping");
            return Optional.empty();
        });
    }

    /** A list of mappings, each with its index in the YAML list (items that are not mappings are reported). */
    List<Indexed> mapList(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.YamlList list)) {
            wrongType(key, node.get(), "a list");
            return List.of();
        }
        List<Indexed> maps = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            if (item instanceof YamlNode.YamlMap inner) {
                maps.add(new Indexed(i, inner, path(key) + "[" + i + "]"));
            } else {
                problems.add(Problem.error(
                        item.location(), "'" + key + "[" + i + "]' must be a mapping, found " + item.describe()));
            }
        }
        return maps;
    }

    /** A mapping item of a list, with its index and path. */
    record Indexed(int index, YamlNode.YamlMap map, String path) {}

    SourceLocation location(String key) {
        YamlNode.YamlMap.Entry entry = map.entries().get(key);
        return entry == null ? map.location() : entry.value().location();
    }

    private void wrongType(String key, YamlNode node, String expected) {
        String found = node instanceof YamlNode.YamlScalar scalar && scalar.value() instanceof String text
                ? "text '" + abbreviate(text) + "'"
                : node.describe();
        problems.add(Problem.error(node.location(), "'" + key + "' must be " + expected + ", found " + found));
    }

    private void missingValue(String key, YamlNode node) {
        problems.add(Problem.error(node.location(), "'" + key + "' has no value"));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
