package dev.runbookbot.diagnose.shell;

import dev.runbookbot.expr.Template;
import dev.runbookbot.process.CommandTemplate;
import dev.runbookbot.process.ExitCodes;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed {@code config} of a {@code shell_command} step, parsed and checked in one pass: the command ({@link
 * CommandTemplate}: {@code argv}, {@code env}, {@code secret_env}, {@code stdin}, with the rules every step that runs a
 * program follows) and what the diagnostic reads from its output.
 *
 * <pre>{@code
 * config:
 *   argv: [kubectl, rollout, history, "deployment/{{ params.deployment }}", -n, production]
 *   env: {KUBECONFIG: /etc/runbook-bot/kubeconfig}
 *   secret_env: {API_TOKEN: payments-api-token}
 *   stdin: "..."
 *   patterns: {recent_deploy: "^\\d+\\s+.*$", auth_error: {regex: "Unauthorized", stream: stderr}}
 *   expect_exit: [0, 1]
 *   max_output_bytes: 65536
 *   max_lines: 200
 *   network: none                     # the sandbox keys (see SandboxRequest): network, mounts, sandbox.image
 * }</pre>
 *
 * @param command the program, its arguments, environment and stdin
 * @param patterns named regular expressions (multi-line mode) matched against the captured output
 * @param expectExit the exit codes that mean the command worked; an empty set means every exit code is a reading
 * @param maxOutputBytes bytes kept per stream
 * @param maxLines stdout lines exposed as the {@code lines} fact
 */
record ShellCommandConfig(
        CommandTemplate command,
        List<OutputPattern> patterns,
        Set<Integer> expectExit,
        int maxOutputBytes,
        int maxLines) {

    static final List<String> KEYS =
            List.of("argv", "env", "secret_env", "stdin", "patterns", "expect_exit", "max_output_bytes", "max_lines");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    ShellCommandConfig {
        patterns = List.copyOf(patterns);
        expectExit = Collections.unmodifiableSet(new LinkedHashSet<>(expectExit));
    }

    /** Parses {@code config}; every problem found is added to {@code problems}, and then the result is empty. */
    static Optional<ShellCommandConfig> parse(
            StepConfig config, ShellCommandSettings settings, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key) && !CommandTemplate.reads(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "' for shell_command; known keys: " + String.join(", ", KEYS)));
            }
        }
        Optional<CommandTemplate> command = CommandTemplate.parse(config, "shell_command", problems);
        List<OutputPattern> patterns = patterns(config, problems);
        Set<Integer> expectExit = ExitCodes.parse(config, Set.of(), problems);
        int maxOutputBytes = wholeNumber(
                config,
                "max_output_bytes",
                ShellCommandSettings.MIN_OUTPUT_BYTES,
                settings.maxOutputBytesLimit(),
                settings.defaultMaxOutputBytes(),
                problems);
        int maxLines = wholeNumber(
                config, "max_lines", 1, ShellCommandSettings.MAX_LINES_LIMIT, settings.defaultMaxLines(), problems);
        if (problems.size() > before || command.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ShellCommandConfig(command.get(), patterns, expectExit, maxOutputBytes, maxLines));
    }

    private static List<OutputPattern> patterns(StepConfig config, List<ConfigProblem> problems) {
        List<OutputPattern> patterns = new ArrayList<>();
        Optional<Map<?, ?>> raw =
                map(config, "patterns", "patterns must be a map of names to regular expressions", problems);
        if (raw.isEmpty()) {
            return patterns;
        }
        for (Map.Entry<?, ?> entry : raw.get().entrySet()) {
            String name = String.valueOf(entry.getKey());
            String path = config.pathOf("patterns") + "." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(
                        path,
                        "pattern name '" + name + "' must start with a letter or underscore and hold only letters,"
                                + " digits and underscores, so conditions can write matches."
                                + name.replace('-', '_')));
                continue;
            }
            Object value = entry.getValue();
            String regex;
            OutputPattern.Stream stream = OutputPattern.Stream.STDOUT;
            if (value instanceof String text) {
                regex = text;
            } else if (value instanceof Map<?, ?> spec) {
                for (Object key : spec.keySet()) {
                    if (!key.equals("regex") && !key.equals("stream")) {
                        problems.add(new ConfigProblem(
                                path + "." + key, "unknown key '" + key + "' in a pattern; known keys: regex, stream"));
                    }
                }
                if (!(spec.get("regex") instanceof String text)) {
                    problems.add(new ConfigProblem(path + ".regex", "a pattern needs 'regex', a string"));
                    continue;
                }
                regex = text;
                Object streamName = spec.get("stream");
                if ("stderr".equals(streamName)) {
                    stream = OutputPattern.Stream.STDERR;
                } else if (streamName != null && !"stdout".equals(streamName)) {
                    problems.add(new ConfigProblem(path + ".stream", "stream must be stdout or stderr"));
                    continue;
                }
            } else {
                problems.add(new ConfigProblem(
                        path, "a pattern is a regular expression, or a map with 'regex' and 'stream'"));
                continue;
            }
            if (Template.isTemplated(regex)) {
                problems.add(new ConfigProblem(
                        path,
                        "patterns are not templated: a regular expression built from alert data could be made to"
                                + " match anything or to run for minutes"));
                continue;
            }
            try {
                patterns.add(new OutputPattern(name, Pattern.compile(regex, Pattern.MULTILINE), stream));
            } catch (PatternSyntaxException e) {
                problems.add(new ConfigProblem(
                        path, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()));
            }
        }
        return patterns;
    }

    private static int wholeNumber(
            StepConfig config, String key, int min, int max, int fallback, List<ConfigProblem> problems) {
        Object raw = config.values().get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= min
                && n.longValue() <= max) {
            return n.intValue();
        }
        problems.add(new ConfigProblem(config.pathOf(key), key + " must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static Optional<Map<?, ?>> map(
            StepConfig config, String key, String message, List<ConfigProblem> problems) {
        Object raw = config.values().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Map<?, ?> map) {
            return Optional.of(map);
        }
        problems.add(new ConfigProblem(config.pathOf(key), message));
        return Optional.empty();
    }
}
