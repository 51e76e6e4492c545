package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The config of {@code drain}: the node ({@link NodeConfig}); {@code timeout}, how long the drain may take in all
 * (evictions refused by a PodDisruptionBudget are retried until then; at most the bot's action timeout, which is also
 * the default); and {@code delete_emptydir_data}, whether pods with {@code emptyDir} volumes may be evicted, losing
 * that data (false: they are left and reported, as {@code kubectl drain} does without {@code --delete-emptydir-data}).
 */
public record DrainConfig(NodeConfig node, Optional<Duration> timeout, boolean deleteEmptyDirData) {
    public static final Set<String> KEYS = Set.of("node", "context", "timeout", "delete_emptydir_data");

    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    /** Parses {@code config}, adding every problem to {@code problems}; empty when there was one. */
    public static Optional<DrainConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        Optional<NodeConfig> node = NodeConfig.parse(config, KEYS, "drain", problems);
        Optional<Duration> timeout = Optional.empty();
        if (config.get("timeout").isPresent()) {
            timeout = config.get("timeout").flatMap(DurationText::parse);
            if (timeout.isEmpty() || timeout.get().compareTo(MIN_TIMEOUT) < 0) {
                problems.add(new ConfigProblem(
                        config.pathOf("timeout"),
                        "timeout must be a duration of at least 1s, such as 2m",
                        "the drain stops at the bot's action timeout in any case"));
            }
        }
        boolean deleteEmptyDirData = false;
        if (config.get("delete_emptydir_data").isPresent()) {
            Object value = config.get("delete_emptydir_data").get();
            if (value instanceof Boolean b) {
                deleteEmptyDirData = b;
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("delete_emptydir_data"), "delete_emptydir_data must be true or false"));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new DrainConfig(node.orElseThrow(), timeout, deleteEmptyDirData));
    }

    /** How long a drain with this config may take when the bot allows an action {@code actionTimeout}. */
    Duration budget(Duration actionTimeout) {
        return timeout.filter(t -> t.compareTo(actionTimeout) < 0).orElse(actionTimeout);
    }
}
