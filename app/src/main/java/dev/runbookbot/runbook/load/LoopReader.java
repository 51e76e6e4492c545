package dev.runbookbot.runbook.load;

import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceMap;
import dev.runbookbot.runbook.UntilSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the loop keys of a diagnostic step or a remediation: {@code forEach} ({@code items}, {@code concurrency},
 * {@code sequential}, {@code maxItems}) and a remediation's {@code until} ({@code condition}, {@code interval}, {@code
 * timeout}). Structure only (a key of the wrong kind, a missing required key); bounds and references are lint's ({@code
 * LoopRule}). Not thread-safe: one instance reads one file.
 */
final class LoopReader {
    private final List<Problem> problems;
    private final SourceMap.Builder sources;
    private final BiFunction<YamlNode, String, Object> plain;

    /** @param plain turns a YAML node into plain values (as a step's {@code config} is read), given its path */
    LoopReader(List<Problem> problems, SourceMap.Builder sources, BiFunction<YamlNode, String, Object> plain) {
        this.problems = problems;
        this.sources = sources;
        this.plain = plain;
    }

    /** The {@code forEach} of the mapping {@code f} reads, if it has one; {@code defaultConcurrency} when not given. */
    Optional<LoopSpec> forEach(Fields f, int defaultConcurrency) {
        return f.map("forEach").map(map -> loop(map, f.path("forEach"), defaultConcurrency));
    }

    /** The {@code until} of the remediation {@code f} reads, if it has one. */
    Optional<UntilSpec> until(Fields f) {
        return f.map("until").map(map -> {
            String path = f.path("until");
            Fields u = new Fields(map, path, RunbookFormat.UNTIL, problems);
            String condition = u.requiredText("condition");
            Duration interval = u.duration("interval").orElse(Duration.ZERO);
            Duration timeout = u.duration("timeout").orElse(Duration.ZERO);
            return sources.register(new UntilSpec(condition, interval, timeout, map.location()), path);
        });
    }

    private LoopSpec loop(YamlNode.YamlMap map, String path, int defaultConcurrency) {
        Fields f = new Fields(map, path, RunbookFormat.FOR_EACH, problems);
        List<Object> items = new ArrayList<>();
        Optional<String> itemsFrom = Optional.empty();
        Optional<YamlNode> written = f.node("items");
        if (written.isPresent() && written.get() instanceof YamlNode.YamlList list) {
            for (int i = 0; i < list.items().size(); i++) {
                Object value = plain.apply(list.items().get(i), f.path("items") + "[" + i + "]");
                if (value != null) {
                    items.add(value);
                }
            }
        } else if (written.isPresent()) {
            itemsFrom = f.text("items");
        }
        long concurrency = f.integer("concurrency").orElse((long) defaultConcurrency);
        if (f.bool("sequential").orElse(false)) {
            if (f.node("concurrency").isPresent() && concurrency != 1) {
                problems.add(Problem.error(
                        f.location("sequential"),
                        "'sequential: true' runs one item at a time, but 'concurrency' is " + concurrency,
                        "remove one of them"));
            }
            concurrency = 1;
        }
        Optional<Integer> maxItems =
                f.integer("maxItems").map(n -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)));
        int bounded = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, concurrency));
        return sources.register(new LoopSpec(items, itemsFrom, bounded, maxItems, map.location()), path);
    }
}
