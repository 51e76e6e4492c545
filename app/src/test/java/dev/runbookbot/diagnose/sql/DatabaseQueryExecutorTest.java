package dev.runbookbot.diagnose.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DatabaseQueryExecutorTest {
    private static final String AT = "diagnostics[0].config";
    private static final Path RUNBOOK = Path.of("runbooks/payments-slow.yaml");

    @TempDir
    Path dir;

    private Path database;
    private DatabaseQueryExecutor executor;

    @BeforeEach
    void setUp() throws SQLException {
        database = dir.resolve("ops.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE deploys (id INTEGER PRIMARY KEY, service TEXT, version TEXT, minutes_ago REAL)");
            s.execute("INSERT INTO deploys (service, version, minutes_ago) VALUES ('payments', 'v41', 300),"
                    + " ('payments', 'v42', 4.5), ('search', 'v7', 20), ('payments', NULL, 1)");
        }
        NamedDataSources sources = new NamedDataSources(
                List.of(
                        new DataSourceSettings(
                                "ops",
                                "jdbc:sqlite:" + database,
                                Optional.empty(),
                                Optional.empty(),
                                false,
                                Duration.ofSeconds(5),
                                1_000),
                        new DataSourceSettings(
                                "gone",
                                "jdbc:sqlite:" + dir.resolve("gone.db"),
                                Optional.empty(),
                                Optional.empty(),
                                false,
                                Duration.ofSeconds(5),
                                50)),
                SecretResolver.none());
        executor = new DatabaseQueryExecutor(sources);
    }

    private static StepConfig config(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new StepConfig(values, AT);
    }

    private Outcome run(StepConfig config, Map<String, String> labels, Duration timeout) {
        DiagnosticSpec spec = new DiagnosticSpec(
                "recent_deploys",
                "Recent deploys",
                "",
                DiagnosticType.DATABASE_QUERY,
                config,
                timeout,
                new InterpretSpec(
                        Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.unknown(RUNBOOK)),
                SourceLocation.unknown(RUNBOOK));
        return executor.execute(new DiagnosticRequest(spec, new TemplateContext(Map.of(), labels, Map.of()), timeout));
    }

    private Outcome run(StepConfig config) {
        return run(config, Map.of("service", "payments"), Duration.ofSeconds(10));
    }

    private static ConfigProblem problem(String key, String message) {
        return new ConfigProblem(AT + "." + key, message);
    }

    private static ConfigProblem problem(String key, String message, String hint) {
        return new ConfigProblem(AT + "." + key, message, hint);
    }

    @Test
    void acceptsAQueryWithTemplatesAndTrickyLiterals() {
        assertEquals(
                List.of(),
                executor.validate(config(
                        "datasource",
                        "ops",
                        "query",
                        "/* ; ? */ (SELECT version FROM deploys -- ; ?\n WHERE service = {{ labels.service }}"
                                + " AND version <> ';?' AND $tag$ ; $tag$ <> \"x;\" AND '{\"a\":1}' ?? 'a');",
                        "max_rows",
                        10)));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertEquals(
                List.of(
                        problem(
                                "timeout",
                                "unknown key 'timeout' for database_query; known keys: datasource, query, max_rows"),
                        problem("datasource", "no data source named 'payments'; configured: ops, gone"),
                        problem(
                                "query",
                                "database_query runs read statements only (SELECT, WITH, VALUES, TABLE, SHOW,"
                                        + " EXPLAIN); this query starts with DELETE",
                                "diagnostics never write; a change to data belongs in a remediation"),
                        problem("max_rows", "max_rows must be a whole number from 1")),
                executor.validate(
                        config("datasource", "payments", "query", "DELETE FROM deploys", "max_rows", 0, "timeout", 5)));
    }

    @Test
    void datasourceAndQueryAreRequired() {
        assertEquals(
                List.of(
                        problem(
                                "datasource",
                                "database_query needs 'datasource', the name of a configured data source",
                                "datasource: ops"),
                        problem("query", "database_query needs 'query', one SQL read statement")),
                executor.validate(config()));
    }

    @Test
    void queryShapeProblems() {
        assertEquals(
                List.of(problem(
                        "query",
                        "query must be a single statement; more follows the ';' at offset 8",
                        "run one query per diagnostic, or combine them with WITH or UNION ALL")),
                executor.validate(config("datasource", "ops", "query", "SELECT 1; DROP TABLE deploys")));
        assertEquals(
                List.of(problem(
                        "query",
                        "query has a bare '?' at offset 38; values go in as {{ params.<name> }} or {{"
                                + " labels.<name> }}, each bound as a parameter",
                        "write PostgreSQL's ?, ?| and ?& operators as ??, ??| and ??&")),
                executor.validate(config("datasource", "ops", "query", "SELECT * FROM deploys WHERE service = ?")));
        assertEquals(
                List.of(problem("query", "query is empty", "query: SELECT count(*) FROM orders")),
                executor.validate(config("datasource", "ops", "query", " -- nothing\n")));
    }

    @Test
    void templatesMayNotStandInsideQuotesNorChooseTheDatabase() {
        assertEquals(
                List.of(
                        problem(
                                "datasource",
                                "datasource is written literally; alert data must never choose which database is"
                                        + " queried"),
                        problem(
                                "query",
                                "labels.service stands inside SQL quotes; remove the quotes, the value is bound as a"
                                        + " parameter")),
                executor.validate(config(
                        "datasource",
                        "{{ labels.db }}",
                        "query",
                        "SELECT * FROM deploys WHERE service = '{{ labels.service }}'")));
    }

    @Test
    void maxRowsCannotExceedTheDataSource() {
        assertEquals(
                List.of(problem("max_rows", "max_rows 51 is more than data source 'gone' allows (50)")),
                executor.validate(config("datasource", "gone", "query", "SELECT 1", "max_rows", 51)));
    }

    @Test
    void exposesRowsValueAndColumns() {
        Outcome outcome = run(config(
                "datasource",
                "ops",
                "query",
                "SELECT version, minutes_ago FROM deploys WHERE service = {{ labels.service }} ORDER BY minutes_ago"));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        Map<String, Object> facts = observed.facts();
        Map<String, Object> nullVersion = new HashMap<>();
        nullVersion.put("version", null);
        nullVersion.put("minutes_ago", 1.0);
        assertEquals(
                List.of(
                        nullVersion,
                        Map.of("version", "v42", "minutes_ago", 4.5),
                        Map.of("version", "v41", "minutes_ago", 300.0)),
                facts.get("rows"));
        assertEquals(3L, facts.get("row_count"));
        assertEquals(List.of("version", "minutes_ago"), facts.get("columns"));
        assertEquals(false, facts.get("truncated"));
        assertFalse(facts.containsKey("value"), "the first value is NULL");
        assertEquals(false, facts.get("has_value"));
        assertTrue(observed.evidence().startsWith("3 rows from ops in "), observed.evidence());
        assertTrue(observed.evidence().endsWith(" ms; version is NULL"), observed.evidence());
        assertEquals(
                List.of(
                        "version=null, minutes_ago=1.0",
                        "version=v42, minutes_ago=4.5",
                        "version=v41, minutes_ago=300.0"),
                observed.details());
    }

    @Test
    void valueIsTheFirstColumnOfTheFirstRow() {
        Outcome.Observed count = assertInstanceOf(
                Outcome.Observed.class,
                run(config(
                        "datasource",
                        "ops",
                        "query",
                        "SELECT count(*) AS recent FROM deploys WHERE minutes_ago < 30 AND service ="
                                + " {{ labels.service }}")));
        Outcome.Observed none = assertInstanceOf(
                Outcome.Observed.class,
                run(config("datasource", "ops", "query", "SELECT id FROM deploys WHERE service = 'billing'")));

        assertEquals(2L, count.facts().get("value"));
        assertEquals(true, count.facts().get("has_value"));
        assertTrue(count.evidence().endsWith(" ms; recent = 2"), count.evidence());
        assertEquals(executor.facts().keySet(), count.facts().keySet());
        assertFalse(none.facts().containsKey("value"));
        assertEquals(false, none.facts().get("has_value"));
        assertEquals(0L, none.facts().get("row_count"));
        assertTrue(none.evidence().startsWith("no rows from ops in "), none.evidence());
    }

    @Test
    void cutsOffAtMaxRows() {
        Outcome.Observed observed = assertInstanceOf(
                Outcome.Observed.class,
                run(config("datasource", "ops", "query", "SELECT id FROM deploys ORDER BY id", "max_rows", 2)));

        assertEquals(2L, observed.facts().get("row_count"));
        assertEquals(true, observed.facts().get("truncated"));
        assertTrue(observed.evidence().startsWith("2 rows (cut off at 2) from ops"), observed.evidence());
    }

    @Test
    void hostileLabelValuesAreBoundAsData() {
        Outcome.Observed observed = assertInstanceOf(
                Outcome.Observed.class,
                run(
                        config(
                                "datasource",
                                "ops",
                                "query",
                                "SELECT count(*) FROM deploys WHERE service = {{ labels.service }}"),
                        Map.of("service", "payments' OR '1'='1'; DROP TABLE deploys; --"),
                        Duration.ofSeconds(10)));
        Outcome.Observed after = assertInstanceOf(
                Outcome.Observed.class, run(config("datasource", "ops", "query", "SELECT count(*) FROM deploys")));

        assertEquals(0L, observed.facts().get("value"));
        assertEquals(4L, after.facts().get("value"));
    }

    @Test
    void failuresAreClassified() {
        assertEquals(
                Outcome.failed(
                        FailureKind.QUERY_ERROR,
                        "query on data source 'ops' failed: [SQLITE_ERROR] SQL error or missing database (no such"
                                + " table: nope)"),
                run(config("datasource", "ops", "query", "SELECT * FROM nope")));
        assertEquals(
                Outcome.failed(FailureKind.CONFIGURATION, "query: no value for labels.team"),
                run(config("datasource", "ops", "query", "SELECT * FROM deploys WHERE service = {{ labels.team }}")));
        assertEquals(
                Outcome.failed(
                        FailureKind.CONFIGURATION,
                        AT + ".query: database_query runs read statements only (SELECT, WITH, VALUES, TABLE, SHOW,"
                                + " EXPLAIN); this query starts with INSERT"),
                run(config("datasource", "ops", "query", "INSERT INTO deploys (service) VALUES ('x')")));
        Outcome gone = run(config("datasource", "gone", "query", "SELECT 1"));
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, gone);
        assertEquals(FailureKind.UNREACHABLE, failed.kind());
        assertTrue(
                failed.reason().startsWith("cannot connect to data source 'gone' (jdbc:sqlite:" + dir),
                failed.reason());
    }

    @Test
    void aSlowQueryTimesOutWithinTheStep() {
        Outcome outcome = run(
                config(
                        "datasource",
                        "ops",
                        "query",
                        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"),
                Map.of(),
                Duration.ofSeconds(1));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.TIMEOUT, failed.kind());
        assertTrue(
                failed.reason().startsWith("query on data source 'ops' did not finish within 0.8s: "), failed.reason());
    }
}
