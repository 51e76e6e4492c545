package dev.runbookbot.diagnose.sql;

import dev.runbookbot.datasource.DataSourceException;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.datasource.QueryResult;
import dev.runbookbot.datasource.SqlSession;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.RenderedTemplate;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
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
import java.util.stream.Collectors;

/**
 * The {@code database_query} diagnostic: one read statement against a named data source, always through a read-only
 * session (the database refuses writes), with template values bound as parameters and the step's time as the
 * statement timeout.
 *
 * <p>Facts: {@code rows} (each a map of column to {@code Long}, {@code Double}, {@code String}, {@code Boolean} or
 * null), {@code row_count}, {@code columns}, {@code truncated} (more rows than {@code max_rows}), {@code value} (the
 * first column of the first row; absent when there is no row or that value is NULL) and {@code has_value}.
 *
 * <p>Failures: an SQL error is {@link FailureKind#QUERY_ERROR} with its SQLSTATE, a database that cannot be reached
 * or refuses the login {@link FailureKind#UNREACHABLE}, a statement stopped by its timeout {@link FailureKind#TIMEOUT},
 * an unknown data source or missing secret {@link FailureKind#CONFIGURATION}. Thread-safe.
 */
public final class DatabaseQueryExecutor implements DiagnosticExecutor {
    private static final Map<String, ValueType> FACTS;

    static {
        Map<String, ValueType> facts = new LinkedHashMap<>();
        facts.put("rows", ValueType.MAP_LIST);
        facts.put("row_count", ValueType.INT);
        facts.put("columns", ValueType.STRING_LIST);
        facts.put("truncated", ValueType.BOOL);
        facts.put("value", ValueType.DYN);
        facts.put("has_value", ValueType.BOOL);
        FACTS = Collections.unmodifiableMap(facts);
    }

    private static final Duration MAX_RESERVE = Duration.ofMillis(500);
    private static final int MAX_DETAIL_ROWS = 10;
    private static final int MAX_DETAIL_CHARS = 300;

    private final NamedDataSources sources;

    public DatabaseQueryExecutor(NamedDataSources sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.DATABASE_QUERY;
    }

    @Override
    public Map<String, ValueType> facts() {
        return FACTS;
    }

    @Override
    public Set<String> configKeys() {
        return Set.copyOf(DatabaseQueryConfig.KEYS);
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        DatabaseQueryConfig.parse(config, sources, problems);
        return List.copyOf(problems);
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<DatabaseQueryConfig> parsed =
                DatabaseQueryConfig.parse(request.spec().config(), sources, problems);
        if (parsed.isEmpty()) {
            ConfigProblem first = problems.get(0);
            return Outcome.failed(FailureKind.CONFIGURATION, first.path() + ": " + first.message());
        }
        DatabaseQueryConfig config = parsed.get();
        RenderedTemplate sql;
        try {
            sql = config.query().render(request.context(), TemplateSink.SQL);
        } catch (TemplateException e) {
            return Outcome.failed(FailureKind.CONFIGURATION, "query: " + e.getMessage());
        }
        String source = config.dataSource();
        Duration budget = budget(request.timeout());
        SqlSession session;
        try {
            session = sources.openReadOnly(source, budget);
        } catch (DataSourceException e) {
            return failure(e, source, budget);
        }
        try (session) {
            QueryResult result = session.query(sql.text(), sql.bindValues(), config.maxRows());
            return observed(result, source);
        } catch (DataSourceException e) {
            return failure(e, source, session.statementTimeout());
        }
    }

    /** The step's time minus a little, so the statement timeout fires before the runner gives up on the step. */
    private static Duration budget(Duration stepTimeout) {
        Duration fifth = stepTimeout.dividedBy(5);
        return stepTimeout.minus(fifth.compareTo(MAX_RESERVE) < 0 ? fifth : MAX_RESERVE);
    }

    private static Outcome failure(DataSourceException e, String source, Duration timeout) {
        return switch (e.kind()) {
            case UNKNOWN_SOURCE, MISSING_SECRET, NOT_WRITABLE ->
                Outcome.failed(FailureKind.CONFIGURATION, e.getMessage());
            case UNREACHABLE -> Outcome.failed(FailureKind.UNREACHABLE, e.getMessage());
            case TIMEOUT ->
                Outcome.failed(
                        FailureKind.TIMEOUT,
                        "query on data source '" + source + "' did not finish within " + seconds(timeout) + ": "
                                + e.getMessage());
            case QUERY ->
                Outcome.failed(
                        FailureKind.QUERY_ERROR, "query on data source '" + source + "' failed: " + e.getMessage());
        };
    }

    private static Outcome observed(QueryResult result, String source) {
        List<Map<String, Object>> rows = result.rows();
        Object value = rows.isEmpty() || result.columns().isEmpty()
                ? null
                : rows.get(0).get(result.columns().get(0));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rows", rows);
        facts.put("row_count", (long) rows.size());
        facts.put("columns", result.columns());
        facts.put("truncated", result.truncated());
        if (value != null) {
            facts.put("value", value);
        }
        facts.put("has_value", value != null);

        StringBuilder evidence = new StringBuilder();
        evidence.append(rows.isEmpty() ? "no rows" : rows.size() + (rows.size() == 1 ? " row" : " rows"));
        if (result.truncated()) {
            evidence.append(" (cut off at ").append(rows.size()).append(')');
        }
        evidence.append(" from ")
                .append(source)
                .append(" in ")
                .append(result.duration().toMillis())
                .append(" ms");
        if (value != null) {
            evidence.append("; ").append(result.columns().get(0)).append(" = ").append(clip(String.valueOf(value)));
        } else if (!rows.isEmpty()) {
            evidence.append("; ").append(result.columns().get(0)).append(" is NULL");
        }
        List<String> details = rows.stream()
                .limit(MAX_DETAIL_ROWS)
                .map(row -> clip(row.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))))
                .toList();
        return Outcome.observed(facts, evidence.toString(), details);
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String clip(String text) {
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS - 1) + "…";
    }
}
