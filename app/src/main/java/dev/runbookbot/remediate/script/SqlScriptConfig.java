package dev.runbookbot.remediate.script;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.datasource.SqlText;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL form of a {@code run_script} action: one statement against a named data source configured as writable.
 *
 * <pre>{@code
 * config:
 *   datasource: payments          # written literally; must be marked writable in the bot's configuration
 *   sql: >-                       # also accepted as 'script' or 'query'
 *     SELECT pg_terminate_backend(pid) FROM pg_stat_activity
 *     WHERE state = 'idle' AND state_change < NOW() - INTERVAL '5 minutes'
 *     AND datname = {{ params.datname }}
 *   max_rows: 100                 # rows shown in the output when the statement returns rows
 * }</pre>
 *
 * Each placeholder becomes a {@code ?} bound to its value; a placeholder inside quotes or a comment is refused, so
 * alert data can never become SQL text. {@code returnsRows}: the statement is read as a query (a {@code SELECT}, {@code
 * VALUES}, a {@code WITH} that changes nothing, or anything with {@code RETURNING}); otherwise as an update that reports
 * its row count.
 */
record SqlScriptConfig(String dataSource, String key, Template sql, boolean returnsRows, int maxRows)
        implements ScriptConfig {
    static final List<String> SQL_KEYS = List.of("sql", "script", "query");
    static final List<String> KEYS = List.of("datasource", "sql", "script", "query", "max_rows");
    static final int DEFAULT_MAX_ROWS = 100;

    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN");
    private static final Set<String> CHANGE_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

    /** Parses {@code config}; every problem is added to {@code problems}, and then the result is empty. */
    static Optional<SqlScriptConfig> parse(StepConfig config, NamedDataSources sources, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "' for a run_script statement; known keys: "
                                + String.join(", ", KEYS)));
            }
        }
        String name = dataSource(config, sources, problems);
        List<String> given =
                SQL_KEYS.stream().filter(k -> config.values().containsKey(k)).toList();
        Template sql = null;
        boolean returnsRows = false;
        String key = given.isEmpty() ? "sql" : given.get(0);
        if (given.size() > 1) {
            problems.add(new ConfigProblem(
                    config.pathOf(given.get(1)), "give the statement once, as 'sql' (found " + given + ")"));
        } else if (!(config.values().get(key) instanceof String text) || text.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf(key),
                    "run_script needs 'sql', one SQL statement (or 'argv', a command)",
                    "sql: SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle' AND datname ="
                            + " {{ params.datname }}"));
        } else {
            try {
                sql = Template.parse(text);
                sql.checkPlacement(TemplateSink.SQL);
                SqlText scan = SqlText.scan(text);
                if (scan.statementEnd() >= 0) {
                    problems.add(new ConfigProblem(
                            config.pathOf(key),
                            "a run_script statement must be a single statement; more follows the ';' at offset "
                                    + scan.statementEnd(),
                            "split it into two remediations, or combine the work in one statement with WITH"));
                } else if (scan.bareQuestionMark() >= 0) {
                    problems.add(new ConfigProblem(
                            config.pathOf(key),
                            "the statement has a bare '?' at offset " + scan.bareQuestionMark()
                                    + "; values go in as {{ params.<name> }} or {{ labels.<name> }}, each bound as a"
                                    + " parameter",
                            "write PostgreSQL's ?, ?| and ?& operators as ??, ??| and ??&"));
                }
                returnsRows = returnsRows(scan);
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(config.pathOf(key), e.getMessage()));
            }
        }
        int maxRows = DEFAULT_MAX_ROWS;
        Object rawMax = config.values().get("max_rows");
        if (rawMax != null) {
            if (rawMax instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.longValue() >= 1
                    && n.longValue() <= DataSourceSettings.MAX_ROWS_LIMIT) {
                maxRows = n.intValue();
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("max_rows"),
                        "max_rows must be a whole number from 1 to " + DataSourceSettings.MAX_ROWS_LIMIT));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SqlScriptConfig(name, key, sql, returnsRows, maxRows));
    }

    private static String dataSource(StepConfig config, NamedDataSources sources, List<ConfigProblem> problems) {
        Object raw = config.values().get("datasource");
        if (!(raw instanceof String text) || text.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "a run_script statement needs 'datasource', the name of a data source configured as writable"));
            return null;
        }
        if (Template.isTemplated(text)) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "datasource is written literally; alert data must never choose which database is changed"));
            return null;
        }
        Optional<DataSourceSettings> source = sources.settings(text);
        // With no data source configured at all (runbookctl lint in CI, a laptop), the name cannot be checked here;
        // the bot checks it against its configuration, and an execution reports an unknown name as a failure.
        if (source.isEmpty() && !sources.names().isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "no data source named '" + text + "'; configured: " + String.join(", ", sources.names())));
        } else if (source.isPresent() && !source.get().writable()) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "data source '" + text + "' is read-only; run_script changes things, so it needs a data source"
                            + " marked writable in the bot's configuration (with a role allowed to do only this)"));
        }
        return text;
    }

    private static boolean returnsRows(SqlText scan) {
        List<String> words = scan.words();
        if (words.contains("RETURNING")) {
            return true;
        }
        String first = scan.firstWord().toUpperCase(Locale.ROOT);
        if (QUERY_WORDS.contains(first)) {
            return true;
        }
        return first.equals("WITH") && words.stream().noneMatch(CHANGE_WORDS::contains);
    }
}
