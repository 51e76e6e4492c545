package dev.runbookbot.remediate.script;

import dev.runbookbot.datasource.DataSourceException;
import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.datasource.QueryResult;
import dev.runbookbot.datasource.SqlSession;
import dev.runbookbot.expr.RenderedTemplate;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.process.CommandTemplate;
import dev.runbookbot.process.CommandTemplateException;
import dev.runbookbot.process.ExitCodes;
import dev.runbookbot.process.ProcessResult;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessSpec;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run_script}: a command, or one SQL statement against a named data source configured as writable.
 *
 * <p>A command ({@link ArgvScriptConfig}) runs through the shared {@link ProcessRunner}: argv only, never a shell
 * string; the same code-position rules as the {@code shell_command} diagnostic; secrets in the environment, never in
 * argv; the whole process tree killed at the action's timeout; output capped per stream, and the secrets it was given
 * masked wherever it echoed them. Exit codes other than {@code expect_exit} (default 0) are failures. Output: stdout,
 * then stderr after a {@code --- stderr ---} line when there is any.
 *
 * <p>A statement ({@link SqlScriptConfig}), such as the seed's {@code pg_terminate_backend} remediation:
 *
 * <ul>
 *   <li>The session is opened with {@link NamedDataSources#openForWrite}, which refuses a data source not marked
 *       writable; the statement timeout is the action's timeout less a small reserve, so the database stops the
 *       statement before the pipeline gives up on it.
 *   <li>Template values are bind parameters, never SQL text.
 *   <li>The statement runs in one transaction, committed only when it succeeded; a failure rolls it back. (Functions
 *       with effects outside the data, such as {@code pg_terminate_backend}, act at once.)
 *   <li>Output: for a statement that returns rows, a small table (column names, rows, {@code (n rows)}) capped at
 *       {@code max_rows}; otherwise {@code n rows affected}. Passwords never appear: the data source layer masks them.
 * </ul>
 *
 * Thread-safe; each execution has its own session.
 */
public final class RunScriptActionExecutor implements ActionExecutor {
    static final Duration MAX_RESERVE = Duration.ofMillis(500);
    static final int MAX_CELL_CHARS = 200;

    private final NamedDataSources sources;
    private final ProcessRunner runner;
    private final SecretResolver secrets;

    public RunScriptActionExecutor(NamedDataSources sources, ProcessRunner runner, SecretResolver secrets) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public ActionType type() {
        return ActionType.RUN_SCRIPT;
    }

    @Override
    public Set<String> configKeys() {
        return ScriptConfig.ALL_KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        ScriptConfig.parse(config, sources, problems);
        return List.copyOf(problems);
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        ScriptConfig parsed = config(request.action().config());
        if (parsed instanceof ArgvScriptConfig command) {
            try {
                List<String> lines = new ArrayList<>(command.command().describe(request.context()));
                lines.add("(exit code " + ExitCodes.describe(command.expectExit())
                        + " expected; the process tree is killed after "
                        + seconds(runner.settings().processTimeoutWithin(request.timeout())) + ")");
                return new ActionPreview(
                        runner.settings().sandbox().mode() == SandboxMode.NONE
                                        && command.command().sandbox().image().isEmpty()
                                ? "command on the bot's host"
                                : "command in the runbook-step sandbox",
                        lines);
            } catch (CommandTemplateException e) {
                throw new ActionException(e.getMessage(), e);
            }
        }
        SqlScriptConfig config = (SqlScriptConfig) parsed;
        RenderedTemplate sql = render(config, request);
        DataSourceSettings source = sources.settings(config.dataSource())
                .orElseThrow(() -> new ActionException(unknownSource(config.dataSource())));
        if (!source.writable()) {
            throw new ActionException(notWritable(config.dataSource()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(sql.text().strip());
        List<Object> binds = sql.bindValues();
        for (int i = 0; i < binds.size(); i++) {
            lines.add("bind parameter " + (i + 1) + " = " + quote(binds.get(i)));
        }
        lines.add("(one transaction, committed if the statement succeeds; statement timeout "
                + seconds(budget(request.timeout())) + ")");
        return new ActionPreview(
                "data source " + source.name() + " (" + source.maskedUrl() + ", writable, as "
                        + source.user().orElse("the default user") + ")",
                lines);
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        ScriptConfig parsed;
        try {
            parsed = config(request.action().config());
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        return parsed instanceof ArgvScriptConfig command
                ? runCommand(command, request)
                : runStatement((SqlScriptConfig) parsed, request);
    }

    private ActionOutcome runCommand(ArgvScriptConfig config, ActionRequest request) {
        String shown = config.command().shown();
        Duration timeout = runner.settings().processTimeoutWithin(request.timeout());
        if (timeout.isNegative() || timeout.isZero()) {
            return new ActionOutcome.Failed("`" + shown + "` was not started: the action had no time left", "");
        }
        ProcessSpec spec;
        try {
            spec = config.command().render(request.context(), secrets, timeout, config.maxOutputBytes());
        } catch (CommandTemplateException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        ProcessResult result = runner.run(spec);
        String stdout = CommandTemplate.mask(result.stdout().text(), spec.secretEnvironment());
        String stderr = CommandTemplate.mask(result.stderr().text(), spec.secretEnvironment());
        String output = stderr.isBlank()
                ? stdout
                : stdout + (stdout.endsWith("\n") || stdout.isEmpty() ? "" : "\n") + "--- stderr ---\n" + stderr;
        if (result.sandboxed()) {
            // the timeline keeps the output: it records where the command ran
            output = output + (output.endsWith("\n") || output.isEmpty() ? "" : "\n") + "--- sandbox: "
                    + result.sandbox() + " ---\n";
        }
        if (result.limitReached().isPresent()) {
            return new ActionOutcome.Failed(
                    "`" + shown + "` " + result.limitReached().get(), output);
        }
        return switch (result.termination()) {
            case NOT_STARTED ->
                new ActionOutcome.Failed("`" + shown + "` could not start: " + result.startFailure(), "");
            case TIMED_OUT ->
                new ActionOutcome.Failed(
                        "`" + shown + "` did not finish: killed after " + seconds(timeout) + " ("
                                + processes(result.processesKilled()) + ")",
                        output);
            case CANCELLED ->
                new ActionOutcome.Failed(
                        "`" + shown + "` was cancelled before it finished (" + processes(result.processesKilled())
                                + " killed)",
                        output);
            case EXITED -> {
                int exit = result.exitCode().orElseThrow();
                if (config.expectExit().contains(exit)) {
                    yield new ActionOutcome.Completed(output);
                }
                String firstError =
                        stderr.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
                yield new ActionOutcome.Failed(
                        "`" + shown + "` exited with " + exit + ", expected " + ExitCodes.describe(config.expectExit())
                                + (firstError.isEmpty() ? "" : ": " + cell(firstError)),
                        output);
            }
        };
    }

    private ActionOutcome runStatement(SqlScriptConfig config, ActionRequest request) {
        RenderedTemplate sql;
        try {
            sql = render(config, request);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        String name = config.dataSource();
        Duration budget = budget(request.timeout());
        SqlSession session;
        try {
            session = sources.openForWrite(name, budget);
        } catch (DataSourceException e) {
            return failure(e, name, budget);
        }
        try (session) {
            String output;
            if (config.returnsRows()) {
                output = table(session.query(sql.text(), sql.bindValues(), config.maxRows()));
            } else {
                int changed = session.update(sql.text(), sql.bindValues());
                output = changed + (changed == 1 ? " row" : " rows") + " affected";
            }
            session.commit();
            return new ActionOutcome.Completed(output);
        } catch (DataSourceException e) {
            return failure(e, name, session.statementTimeout());
        }
    }

    private ScriptConfig config(StepConfig raw) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<? extends ScriptConfig> config = ScriptConfig.parse(raw, sources, problems);
        if (config.isEmpty()) {
            throw new ActionException("invalid config: "
                    + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        return config.get();
    }

    private static RenderedTemplate render(SqlScriptConfig config, ActionRequest request) throws ActionException {
        try {
            return config.sql().render(request.context(), TemplateSink.SQL);
        } catch (TemplateException e) {
            throw new ActionException(config.key() + ": " + e.getMessage(), e);
        }
    }

    private static String processes(int n) {
        return n + (n == 1 ? " process" : " processes");
    }

    /** The action's time less a little, so the statement timeout fires before the pipeline's deadline. */
    static Duration budget(Duration timeout) {
        Duration fifth = timeout.dividedBy(5);
        return timeout.minus(fifth.compareTo(MAX_RESERVE) < 0 ? fifth : MAX_RESERVE);
    }

    private static ActionOutcome failure(DataSourceException e, String source, Duration timeout) {
        String reason =
                switch (e.kind()) {
                    case UNKNOWN_SOURCE, MISSING_SECRET -> e.getMessage();
                    case NOT_WRITABLE -> notWritable(source);
                    case UNREACHABLE -> e.getMessage();
                    case TIMEOUT ->
                        "the statement on data source '" + source + "' did not finish within " + seconds(timeout)
                                + " and was rolled back: " + e.getMessage();
                    case QUERY ->
                        "the statement on data source '" + source + "' failed and was rolled back: " + e.getMessage();
                };
        return new ActionOutcome.Failed(reason, "");
    }

    private static String table(QueryResult result) {
        StringBuilder out = new StringBuilder(String.join(" | ", result.columns())).append('\n');
        out.append("-".repeat(Math.max(3, out.length() - 1))).append('\n');
        for (Map<String, Object> row : result.rows()) {
            out.append(row.values().stream().map(RunScriptActionExecutor::cell).collect(Collectors.joining(" | ")))
                    .append('\n');
        }
        int n = result.rows().size();
        out.append('(').append(n).append(n == 1 ? " row" : " rows");
        if (result.truncated()) {
            out.append(", more not shown");
        }
        return out.append(')').toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "NULL" : String.valueOf(value).replace('\n', ' ');
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS - 1) + "…";
    }

    private static String quote(Object value) {
        return value instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private String unknownSource(String name) {
        return "no data source named '" + name + "'; configured: "
                + (sources.names().isEmpty() ? "none" : String.join(", ", sources.names()));
    }

    private static String notWritable(String name) {
        return "data source '" + name + "' is not writable; run_script changes things, so mark it writable in the"
                + " configuration (with a role allowed to do only this) to let remediations use it";
    }
}
