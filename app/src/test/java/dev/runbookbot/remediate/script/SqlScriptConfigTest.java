package dev.runbookbot.remediate.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SQL form of run_script: every config problem with its path and exact text, and how statements are read. */
class SqlScriptConfigTest {
    private static final String PATH = "remediations[0].action.config";

    private final NamedDataSources sources = new NamedDataSources(
            List.of(
                    new DataSourceSettings(
                            "payments",
                            "jdbc:postgresql://127.0.0.1:5432/payments",
                            Optional.of("remediator"),
                            Optional.empty(),
                            true,
                            Duration.ofSeconds(5),
                            100),
                    DataSourceSettings.readOnly(
                            "reports", "jdbc:postgresql://127.0.0.1:5432/reports", Optional.empty(), Optional.empty())),
            SecretResolver.none());

    private List<String> problems(Map<String, Object> config) {
        List<ConfigProblem> problems = new ArrayList<>();
        SqlScriptConfig.parse(new StepConfig(config, PATH), sources, problems);
        return problems.stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private SqlScriptConfig parsed(String sql) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<SqlScriptConfig> config = SqlScriptConfig.parse(
                new StepConfig(Map.of("datasource", "payments", "sql", sql), PATH), sources, problems);
        assertEquals(List.of(), problems);
        return config.orElseThrow();
    }

    @Test
    void theSeedStatementIsAQueryOnAWritableSource() {
        SqlScriptConfig config = parsed("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'"
                + " AND datname = {{ params.datname }}");
        assertTrue(config.returnsRows());
        assertEquals("payments", config.dataSource());
        assertEquals(SqlScriptConfig.DEFAULT_MAX_ROWS, config.maxRows());
    }

    @Test
    void statementsThatReturnRowsAndThoseThatCountThem() {
        assertFalse(parsed("UPDATE counter SET n = n + 1").returnsRows());
        assertFalse(parsed("DELETE FROM sessions WHERE expires < now()").returnsRows());
        assertTrue(parsed("DELETE FROM sessions WHERE expires < now() RETURNING id")
                .returnsRows());
        assertTrue(parsed("WITH old AS (SELECT id FROM s) SELECT count(*) FROM old")
                .returnsRows());
        assertFalse(parsed("WITH old AS (SELECT id FROM s) DELETE FROM s USING old WHERE s.id = old.id")
                .returnsRows());
        assertFalse(parsed("DELETE FROM t WHERE note = 'returning'").returnsRows(), "a word in a string is data");
    }

    @Test
    void theStatementMayBeGivenAsScriptAsTheShippedRunbooksDo() {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<SqlScriptConfig> config = SqlScriptConfig.parse(
                new StepConfig(Map.of("datasource", "payments", "script", "SELECT 1"), PATH), sources, problems);
        assertEquals(List.of(), problems);
        assertEquals("script", config.orElseThrow().key());
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("datasource", "{{ labels.db }}");
        config.put("sql", "DELETE FROM t WHERE name = '{{ labels.name }}'");
        config.put("max_rows", 0);
        config.put("retries", 3);
        assertEquals(
                List.of(
                        PATH + ".retries: unknown key 'retries' for a run_script statement; known keys: datasource,"
                                + " sql, script, query, max_rows",
                        PATH + ".datasource: datasource is written literally; alert data must never choose which"
                                + " database is changed",
                        PATH + ".sql: labels.name stands inside SQL quotes; remove the quotes, the value is bound as a"
                                + " parameter",
                        PATH + ".max_rows: max_rows must be a whole number from 1 to 100000"),
                problems(config));
    }

    @Test
    void oneStatementOnlyNoBareQuestionMarksAndAWritableKnownSource() {
        assertEquals(
                List.of(PATH + ".sql: a run_script statement must be a single statement; more follows the ';' at"
                        + " offset 24"),
                problems(Map.of("datasource", "payments", "sql", "UPDATE t SET a = 1 WHERE;  DROP TABLE t")));
        assertEquals(
                List.of(PATH + ".sql: the statement has a bare '?' at offset 25; values go in as {{ params.<name> }}"
                        + " or {{ labels.<name> }}, each bound as a parameter"),
                problems(Map.of("datasource", "payments", "sql", "DELETE FROM t WHERE tags ? 'x'")));
        assertEquals(
                List.of(PATH + ".datasource: data source 'reports' is read-only; run_script changes things, so it needs"
                        + " a data source marked writable in the bot's configuration (with a role allowed to do only"
                        + " this)"),
                problems(Map.of("datasource", "reports", "sql", "SELECT 1")));
        assertEquals(
                List.of(PATH + ".datasource: no data source named 'billing'; configured: payments, reports"),
                problems(Map.of("datasource", "billing", "sql", "SELECT 1")));
        assertEquals(
                List.of(PATH + ".script: give the statement once, as 'sql' (found [sql, script])"),
                problems(Map.of("datasource", "payments", "sql", "SELECT 1", "script", "SELECT 2")));
    }
}
