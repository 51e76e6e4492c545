package dev.runbookbot.remediate.script;

import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.process.SandboxRequest;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code config} of a {@code run_script} action: a command ({@link ArgvScriptConfig}, {@code argv:}) or a statement
 * against a writable data source ({@link SqlScriptConfig}, {@code sql:} with {@code datasource:}), never both.
 */
sealed interface ScriptConfig permits ArgvScriptConfig, SqlScriptConfig {
    /** The keys of both forms. */
    Set<String> ALL_KEYS = allKeys();

    private static Set<String> allKeys() {
        Set<String> keys = new TreeSet<>(ArgvScriptConfig.KEYS);
        keys.addAll(SqlScriptConfig.KEYS);
        keys.addAll(SandboxRequest.KEYS);
        return Set.copyOf(keys);
    }

    /** Parses {@code config}; every problem is added to {@code problems}, and then the result is empty. */
    static Optional<? extends ScriptConfig> parse(
            StepConfig config, NamedDataSources sources, List<ConfigProblem> problems) {
        boolean command = config.values().containsKey("argv") || config.values().containsKey("command");
        boolean statement = config.values().containsKey("datasource")
                || SqlScriptConfig.SQL_KEYS.stream().anyMatch(config.values()::containsKey);
        if (command && statement) {
            problems.add(new ConfigProblem(
                    config.path(),
                    "run_script runs either a command (argv) or a statement (sql with datasource), not both; split it"
                            + " into two remediations"));
            return Optional.empty();
        }
        return command ? ArgvScriptConfig.parse(config, problems) : SqlScriptConfig.parse(config, sources, problems);
    }
}
