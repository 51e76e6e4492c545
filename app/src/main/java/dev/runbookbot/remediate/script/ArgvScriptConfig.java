package dev.runbookbot.remediate.script;

import dev.runbookbot.process.CommandTemplate;
import dev.runbookbot.process.ExitCodes;
import dev.runbookbot.process.ProcessSpec;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command form of a {@code run_script} action, with the same rules as the {@code shell_command} diagnostic
 * ({@link CommandTemplate}): an argv list, the program written literally, no templated value where an interpreter reads
 * code, secrets only through {@code secret_env}.
 *
 * <pre>{@code
 * config:
 *   argv: [kubectl, logs, "--namespace={{ params.namespace }}", deployment/payment-service, --since=10m]
 *   env: {KUBECONFIG: /etc/runbook-bot/kubeconfig}
 *   secret_env: {API_TOKEN: payments-api-token}
 *   expect_exit: [0]          # default: 0; any other exit code is a failure
 *   max_output_bytes: 65536   # kept per stream (head and tail)
 * }</pre>
 */
record ArgvScriptConfig(CommandTemplate command, Set<Integer> expectExit, int maxOutputBytes) implements ScriptConfig {
    static final List<String> KEYS = keys();
    static final int MIN_OUTPUT_BYTES = 1024;

    ArgvScriptConfig {
        expectExit = Collections.unmodifiableSet(new LinkedHashSet<>(expectExit));
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(CommandTemplate.KEYS);
        keys.add("expect_exit");
        keys.add("max_output_bytes");
        return List.copyOf(keys);
    }

    static Optional<ArgvScriptConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key) && !CommandTemplate.reads(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "' for a run_script command; known keys: " + String.join(", ", KEYS)));
            }
        }
        Optional<CommandTemplate> command = CommandTemplate.parse(config, "run_script", problems);
        Set<Integer> expectExit = ExitCodes.parse(config, Set.of(0), problems);
        int maxOutputBytes = ProcessSpec.DEFAULT_MAX_OUTPUT_BYTES;
        Object rawMax = config.values().get("max_output_bytes");
        if (rawMax != null) {
            if (rawMax instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.longValue() >= MIN_OUTPUT_BYTES
                    && n.longValue() <= ProcessSpec.MAX_OUTPUT_BYTES_LIMIT) {
                maxOutputBytes = n.intValue();
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("max_output_bytes"),
                        "max_output_bytes must be a whole number from " + MIN_OUTPUT_BYTES + " to "
                                + ProcessSpec.MAX_OUTPUT_BYTES_LIMIT));
            }
        }
        if (problems.size() > before || command.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArgvScriptConfig(command.get(), expectExit, maxOutputBytes));
    }
}
