package dev.runbookbot.runbooktest;

import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.load.YamlNode;
import dev.runbookbot.runbook.load.YamlNode.YamlList;
import dev.runbookbot.runbook.load.YamlNode.YamlMap;
import dev.runbookbot.runbook.load.YamlNode.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of a test file's YAML nodes for {@link TestFileReader}: a node that is not what the file format wants
 * there (a mapping, a list, text, one of a few words) adds a problem at its {@code file:line:col}, saying what was
 * expected and what was found, with the closest known key or word, and the read carries on. Not thread-safe: one per
 * file read.
 */
final class TestFileNodes {
    private final List<Problem> problems;

    TestFileNodes(List<Problem> problems) {
        this.problems = problems;
    }

    boolean oneOf(String value, Set<String> allowed, SourceLocation where, String path) {
        if (allowed.contains(value)) {
            return true;
        }
        problems.add(Problem.error(
                where,
                path + ": '" + value + "' is not one of "
                        + String.join(", ", allowed.stream().sorted().toList())
                        + ClosestNames.best(value, allowed)
                                .map(b -> "; did you mean '" + b + "'?")
                                .orElse("")));
        return false;
    }

    void unknownKeys(YamlMap map, Set<String> known, String what) {
        for (YamlMap.Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                problems.add(Problem.error(
                        entry.keyLocation(),
                        "unknown key '" + entry.key() + "' in " + what
                                + ClosestNames.best(entry.key(), known)
                                        .map(b -> ", did you mean '" + b + "'?")
                                        .orElse(""),
                        what + " takes "
                                + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    Optional<YamlNode> value(YamlMap map, String key) {
        return Optional.ofNullable(map.entries().get(key)).map(YamlMap.Entry::value);
    }

    Optional<YamlNode> required(YamlMap map, String key, String path) {
        Optional<YamlNode> value = value(map, key);
        if (value.isEmpty()) {
            problems.add(Problem.error(map.location(), path + ": '" + key + "' is missing"));
        }
        return value;
    }

    Optional<YamlMap> map(YamlNode node, String path, String expected) {
        if (node instanceof YamlMap map) {
            return Optional.of(map);
        }
        problems.add(Problem.error(node.location(), path + ": must be " + expected + ", not " + describe(node)));
        return Optional.empty();
    }

    Optional<YamlList> list(YamlNode node, String path) {
        if (node instanceof YamlList list) {
            return Optional.of(list);
        }
        problems.add(Problem.error(node.location(), path + ": must be a list, not " + describe(node)));
        return Optional.empty();
    }

    Optional<String> text(YamlNode node, String path) {
        if (node instanceof YamlScalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
            return Optional.of(s.text());
        }
        problems.add(Problem.error(node.location(), path + ": must be text, not " + describe(node)));
        return Optional.empty();
    }

    /** A mapping of names to scalar values, each as written (a label, a parameter as typed). */
    Map<String, String> texts(YamlNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node, path, "a mapping of names to values").ifPresent(map -> {
            for (YamlMap.Entry entry : map.entries().values()) {
                if (entry.value() instanceof YamlScalar s && !s.isNull()) {
                    out.put(entry.key(), s.text());
                } else {
                    problems.add(Problem.error(
                            entry.value().location(),
                            path + "." + entry.key() + ": must be a single value, not " + describe(entry.value())));
                }
            }
        });
        return out;
    }

    static String describe(YamlNode node) {
        return node.describe();
    }
}
