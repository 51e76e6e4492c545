package dev.runbookbot.diagnose.shell;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.process.CommandTemplateException;
import dev.runbookbot.process.ExitCodes;
import dev.runbookbot.process.ProcessResult;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessSpec;
import dev.runbookbot.process.SandboxRequest;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The {@code shell_command} diagnostic: runs an argv list through the {@link ProcessRunner} and exposes its exit code,
 * output and pattern matches as facts. It never decides health: a non-zero exit code is a fact like any other (a
 * Nagios-style check exits 2 for critical), unless the step lists {@code expect_exit}, in which case any other code
 * means the command did not work and the step fails with {@link FailureKind#BAD_RESPONSE}.
 *
 * <p>Facts: {@code exit_code}, {@code stdout}, {@code stderr} (capped, secrets masked), {@code lines} (stdout lines,
 * at most {@code max_lines}), {@code line_count} (all stdout lines, dropped ones included), {@code matches} (pattern
 * name to its first match, or to the match's first group when the regex has one; only patterns that matched),
 * {@code match_counts} (pattern name to the number of matches, 0 included), {@code matched} (names of the patterns
 * that matched, in config order) and {@code output_truncated}.
 *
 * <p>A templated argv element whose value would start with {@code -} (argument injection such as
 * {@code -oProxyCommand=...}) is refused at run time unless a literal {@code --} precedes it. When output was
 * truncated, {@code stdout}, {@code stderr} and {@code lines} hold the kept head and tail with a
 * {@code [... N bytes omitted ...]} line between them.
 *
 * <p>A timeout is not a fact but a failure, {@link FailureKind#TIMEOUT}, after the whole process tree was killed. A
 * step its sandbox stopped (process, memory, CPU time or file size limit) fails with {@link
 * FailureKind#RESOURCE_LIMIT} and says which limit. The evidence of a sandboxed run names the sandbox ({@code ...;
 * sandbox: bubblewrap, network none}), so the timeline records where each execution ran. Thread-safe.
 */
public final class ShellCommandExecutor implements DiagnosticExecutor {
    private static final Map<String, ValueType> FACTS = facts(
            "exit_code", ValueType.INT,
            "stdout", ValueType.STRING,
            "stderr", ValueType.STRING,
            "lines", ValueType.STRING_LIST,
            "line_count", ValueType.INT,
            "matches", ValueType.STRING_MAP,
            "match_counts", ValueType.MAP,
            "matched", ValueType.STRING_LIST,
            "output_truncated", ValueType.BOOL);

    private static final int MAX_MATCHES_COUNTED = 10_000;
    private static final int MAX_DETAIL_LINES = 10;
    private static final int MAX_DETAIL_CHARS = 300;

    private final ProcessRunner runner;
    private final SecretResolver secrets;
    private final ShellCommandSettings settings;

    public ShellCommandExecutor(ProcessRunner runner, SecretResolver secrets, ShellCommandSettings settings) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private static Map<String, ValueType> facts(Object... namesAndTypes) {
        Map<String, ValueType> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            facts.put((String) namesAndTypes[i], (ValueType) namesAndTypes[i + 1]);
        }
        return Collections.unmodifiableMap(facts);
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.SHELL_COMMAND;
    }

    @Override
    public Map<String, ValueType> facts() {
        return FACTS;
    }

    @Override
    public Set<String> configKeys() {
        Set<String> keys = new java.util.TreeSet<>(ShellCommandConfig.KEYS);
        keys.addAll(SandboxRequest.KEYS);
        return Set.copyOf(keys);
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        ShellCommandConfig.parse(config, settings, problems);
        return List.copyOf(problems);
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        long startNanos = System.nanoTime();
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ShellCommandConfig> parsed =
                ShellCommandConfig.parse(request.spec().config(), settings, problems);
        if (parsed.isEmpty()) {
            ConfigProblem first = problems.get(0);
            return Outcome.failed(FailureKind.CONFIGURATION, first.path() + ": " + first.message());
        }
        ShellCommandConfig config = parsed.get();
        String shown = config.command().shown();
        Duration processTimeout = runner.settings().processTimeoutWithin(request.timeout());
        if (processTimeout.isNegative() || processTimeout.isZero()) {
            return Outcome.failed(FailureKind.TIMEOUT, "`" + shown + "` was not started: the step had no time left");
        }
        ProcessSpec spec;
        try {
            spec = config.command().render(request.context(), secrets, processTimeout, config.maxOutputBytes());
        } catch (CommandTemplateException e) {
            return Outcome.failed(FailureKind.CONFIGURATION, e.getMessage());
        }
        Map<String, Secret> secretEnv = spec.secretEnvironment();
        ProcessResult result = runner.run(spec);

        if (result.limitReached().isPresent()) {
            return Outcome.failed(
                    FailureKind.RESOURCE_LIMIT,
                    "`" + shown + "` " + result.limitReached().get() + sandbox(result));
        }
        return switch (result.termination()) {
            case NOT_STARTED ->
                Outcome.failed(FailureKind.CONFIGURATION, "`" + shown + "` could not start: " + result.startFailure());
            case TIMED_OUT ->
                Outcome.failed(
                        FailureKind.TIMEOUT,
                        "`" + shown + "` did not finish: killed after " + seconds(processTimeout) + " ("
                                + processes(result.processesKilled()) + ")" + survivors(result) + sandbox(result));
            case CANCELLED ->
                Outcome.failed(
                        FailureKind.CANCELLED,
                        "`" + shown + "` was cancelled before it finished (" + processes(result.processesKilled())
                                + " killed)" + survivors(result));
            case EXITED ->
                observe(
                        config,
                        shown,
                        result,
                        secretEnv,
                        startNanos + request.timeout().toNanos());
        };
    }

    private Outcome observe(
            ShellCommandConfig config,
            String shown,
            ProcessResult result,
            Map<String, Secret> secretEnv,
            long deadlineNanos) {
        int exit = result.exitCode().orElseThrow();
        String stdout = mask(result.stdout().text(), secretEnv);
        String stderr = mask(result.stderr().text(), secretEnv);
        if (!config.expectExit().isEmpty() && !config.expectExit().contains(exit)) {
            String firstError =
                    stderr.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            return Outcome.failed(
                    FailureKind.BAD_RESPONSE,
                    "`" + shown + "` exited with " + exit + ", expected " + ExitCodes.describe(config.expectExit())
                            + (firstError.isEmpty() ? "" : ": " + clip(firstError)));
        }

        Map<String, String> matches = new LinkedHashMap<>();
        Map<String, Long> matchCounts = new LinkedHashMap<>();
        List<String> matched = new ArrayList<>();
        for (OutputPattern pattern : config.patterns()) {
            String text = pattern.stream() == OutputPattern.Stream.STDERR ? stderr : stdout;
            Matcher m = pattern.regex().matcher(new DeadlineCharSequence(text, deadlineNanos));
            long count = 0;
            try {
                while (count < MAX_MATCHES_COUNTED && m.find()) {
                    if (count == 0) {
                        String first = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
                        matches.put(pattern.name(), first);
                        matched.add(pattern.name());
                    }
                    count++;
                }
            } catch (DeadlineCharSequence.DeadlineExceeded e) {
                return Outcome.failed(
                        FailureKind.TIMEOUT,
                        "pattern '" + pattern.name() + "' was still matching the output of `" + shown
                                + "` when the step's time ran out");
            }
            matchCounts.put(pattern.name(), count);
        }

        List<String> lines = stdout.lines().limit(config.maxLines()).toList();
        boolean truncated = result.stdout().truncated() || result.stderr().truncated();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("exit_code", (long) exit);
        facts.put("stdout", stdout);
        facts.put("stderr", stderr);
        facts.put("lines", lines);
        facts.put("line_count", result.stdout().lineCount());
        facts.put("matches", Collections.unmodifiableMap(matches));
        facts.put("match_counts", Collections.unmodifiableMap(matchCounts));
        facts.put("matched", List.copyOf(matched));
        facts.put("output_truncated", truncated);

        StringBuilder evidence = new StringBuilder()
                .append('`')
                .append(shown)
                .append("` exited ")
                .append(exit)
                .append(" after ")
                .append(seconds(result.duration()))
                .append(", ")
                .append(result.stdout().lineCount())
                .append(result.stdout().lineCount() == 1 ? " line" : " lines");
        if (!matched.isEmpty()) {
            evidence.append("; matched ").append(String.join(", ", matched));
        }
        if (truncated) {
            evidence.append("; output truncated");
        }
        if (result.sandboxed()) {
            evidence.append("; sandbox: ").append(result.sandbox());
        }
        return Outcome.observed(facts, evidence.toString(), details(matched, matches, stdout, stderr, exit));
    }

    private static List<String> details(
            List<String> matched, Map<String, String> matches, String stdout, String stderr, int exit) {
        List<String> details = new ArrayList<>();
        for (String name : matched) {
            details.add(name + ": " + clip(matches.get(name)));
        }
        if (exit != 0) {
            stderr.lines()
                    .filter(l -> !l.isBlank())
                    .limit(MAX_DETAIL_LINES / 2)
                    .forEach(l -> details.add("stderr: " + clip(l)));
        }
        stdout.lines()
                .filter(l -> !l.isBlank())
                .limit(Math.max(0, MAX_DETAIL_LINES - details.size()))
                .forEach(l -> details.add(clip(l)));
        return details;
    }

    /** Masks every secret value handed to the command, literally, wherever the command echoed it. */
    private static String mask(String text, Map<String, Secret> secretEnv) {
        String masked = text;
        for (Secret secret : secretEnv.values()) {
            if (!secret.reveal().isEmpty()) {
                masked = masked.replace(secret.reveal(), "<secret>");
            }
        }
        return masked;
    }

    /** Where it ran, for the timeline: nothing when no sandbox isolated it. */
    private static String sandbox(ProcessResult result) {
        return result.sandboxed() ? " (sandbox: " + result.sandbox() + ")" : "";
    }

    private static String processes(int n) {
        return n + (n == 1 ? " process" : " processes");
    }

    private static String survivors(ProcessResult result) {
        return result.survivors().isEmpty() ? "" : "; still running after SIGKILL: pids " + result.survivors();
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String clip(String line) {
        return line.length() <= MAX_DETAIL_CHARS ? line : line.substring(0, MAX_DETAIL_CHARS - 1) + "…";
    }
}
