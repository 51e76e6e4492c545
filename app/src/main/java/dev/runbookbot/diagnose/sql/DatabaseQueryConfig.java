package dev.runbookbot.diagnose.sql;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Optional;

/**
 * The typed {@code config} of a {@code database_query} step.
 *
 * <pre>{@code
 * config:
 *   datasource: payments
 *   query: |
 *     SELECT state, count(*) AS connections FROM pg_stat_activity
 *     WHERE datname = {{ params.database }} GROUP BY state
 *   max_rows: 20
 * }</pre>
 *
 * @param dataSource the name of a configured data source, written literally
 * @param query one read statement; each placeholder becomes a {@code ?} bound to its value
 * @param maxRows the most rows kept (never more than the data source allows)
 */
record DatabaseQueryConfig(String dataSource, Template query, int maxRows) {
    static final List<String> KEYS = List.of("datasource", "query", "max_rows");
    static final int DEFAULT_MAX_ROWS = 100;

    /** Parses {@code config}; every problem found is added to {@code problems}, and then the result is empty. */
    static Optional<DatabaseQueryConfig> parse(
            StepConfig config, NamedDataSources sources, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "' for database_query; known keys: " + String.join(", ", KEYS)));
            }
        }

        String name = null;
        Optional<DataSourceSettings> source = Optional.empty();
        Object rawSource = config.values().get("datasource");
        if (!(rawSource instanceof String text) || text.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "database_query needs 'datasource', the name of a configured data source",
                    "datasource: "
                            + (sources.names().isEmpty()
                                    ? "payments"
                                    : sources.names().iterator().next())));
        } else if (Template.isTemplated(text)) {
            problems.add(new ConfigProblem(
                    config.pathOf("datasource"),
                    "datasource is written literally; alert data must never choose which database is queried"));
        } else {
            name = text;
            source = sources.settings(text);
            // With no data source configured at all (runbookctl lint in CI, a laptop), the name cannot be checked
            // here; the bot checks it against its configuration and a run reports an unknown name as a result.
            if (source.isEmpty() && !sources.names().isEmpty()) {
                problems.add(new ConfigProblem(
                        config.pathOf("datasource"),
                        "no data source named '" + text + "'; configured: "
                                + (sources.names().isEmpty() ? "none" : String.join(", ", sources.names()))));
            }
        }

        Template query = null;
        Object rawQuery = config.values().get("query");
        if (!(rawQuery instanceof String text)) {
            problems.add(
                    new ConfigProblem(config.pathOf("query"), "database_query needs 'query', one SQL read statement"));
        } else {
            try {
                query = Template.parse(text);
                query.checkPlacement(TemplateSink.SQL);
                Optional<SqlStatementShape.Problem> shape = SqlStatementShape.check(text);
                if (shape.isPresent()) {
                    problems.add(new ConfigProblem(
                            config.pathOf("query"),
                            shape.get().message(),
                            shape.get().hint()));
                }
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(config.pathOf("query"), e.getMessage()));
            }
        }

        int maxRows = DEFAULT_MAX_ROWS;
        Object rawMax = config.values().get("max_rows");
        int limit = source.map(DataSourceSettings::maxRows).orElse(DataSourceSettings.MAX_ROWS_LIMIT);
        if (rawMax != null) {
            if (rawMax instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 1) {
                if (n.longValue() > limit) {
                    problems.add(new ConfigProblem(
                            config.pathOf("max_rows"),
                            "max_rows " + n.longValue() + " is more than "
                                    + (source.isPresent() ? "data source '" + name + "' allows" : "the limit")
                                    + " (" + limit + ")"));
                } else {
                    maxRows = n.intValue();
                }
            } else {
                problems.add(new ConfigProblem(config.pathOf("max_rows"), "max_rows must be a whole number from 1"));
            }
        } else {
            maxRows = Math.min(DEFAULT_MAX_ROWS, limit);
        }

        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseQueryConfig(name, query, maxRows));
    }
}
