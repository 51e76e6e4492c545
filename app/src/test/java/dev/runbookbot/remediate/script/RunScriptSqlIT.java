package dev.runbookbot.remediate.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code run_script} against a real PostgreSQL started for this class: the seed's {@code pg_terminate_backend}
 * remediation really ends idle client connections (and only those), through a role that may do just that, and a data
 * source that is not writable refuses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RunScriptSqlIT {
    /** The seed's statement, verbatim. */
    private static final String SEED = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'"
            + " AND state_change < NOW() - INTERVAL '5 minutes' AND datname = 'payments'";

    /** The seed's statement with its age limit and database as bound values, so a test need not wait 5 minutes. */
    private static final String SEED_BOUND = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state ="
            + " 'idle' AND state_change < NOW() - CAST({{ params.idle_for }} AS interval) AND datname ="
            + " {{ params.datname }}";

    private static final String APP_PASSWORD = "app-" + Long.toHexString(System.nanoTime());
    private static final String REMEDIATOR_PASSWORD = "rem-" + Long.toHexString(System.nanoTime());

    private PostgresServer server;
    private RunScriptActionExecutor executor;
    private final List<Connection> clients = new ArrayList<>();

    @BeforeAll
    void startServer() throws Exception {
        server = PostgresServer.start();
        server.execute(
                "postgres",
                "CREATE ROLE app LOGIN PASSWORD '" + APP_PASSWORD + "'",
                "CREATE DATABASE payments OWNER app",
                "CREATE DATABASE billing OWNER app",
                // may signal other roles' backends and see their state, nothing more
                "CREATE ROLE remediator LOGIN PASSWORD '" + REMEDIATOR_PASSWORD + "'",
                "GRANT pg_signal_backend TO remediator",
                "GRANT pg_read_all_stats TO remediator");
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
            s.execute("INSERT INTO counter VALUES (1, 0)");
            s.execute("GRANT SELECT, UPDATE ON counter TO remediator");
            s.execute("GRANT SELECT ON counter TO app");
        }
        String url = server.jdbcUrl("payments");
        NamedDataSources sources = new NamedDataSources(
                List.of(
                        new DataSourceSettings(
                                "payments",
                                url,
                                Optional.of("remediator"),
                                Optional.of("payments-remediator"),
                                true,
                                Duration.ofSeconds(5),
                                100),
                        DataSourceSettings.readOnly(
                                "payments_ro", url, Optional.of("remediator"), Optional.of("payments-remediator"))),
                name -> name.equals("payments-remediator")
                        ? Optional.of(new Secret(name, REMEDIATOR_PASSWORD))
                        : Optional.empty());
        executor = new RunScriptActionExecutor(
                sources,
                new ProcessRunner(ProcessRunnerSettings.defaults(Path.of(System.getProperty("java.io.tmpdir")))),
                SecretResolver.none());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openClients() throws SQLException {
        for (int i = 0; i < 3; i++) {
            clients.add(idleClient("payments"));
        }
        clients.add(idleClient("billing"));
        Connection inTransaction = idleClient("payments");
        inTransaction.setAutoCommit(false);
        try (Statement s = inTransaction.createStatement()) {
            s.execute("SELECT n FROM counter");
        }
        clients.add(inTransaction);
        Poll.until(
                "the clients to be idle",
                Duration.ofSeconds(30),
                () -> count("payments", "idle") == 3
                                && count("billing", "idle") == 1
                                && count("payments", "idle in transaction") == 1
                        ? Optional.of(true)
                        : Optional.empty());
    }

    @AfterEach
    void closeClients() {
        for (Connection c : clients) {
            try {
                c.close();
            } catch (SQLException e) {
                // terminated by the test
            }
        }
        clients.clear();
    }

    private Connection idleClient(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "app");
        properties.setProperty("password", APP_PASSWORD);
        properties.setProperty("ApplicationName", "payments-service");
        Connection connection = DriverManager.getConnection(server.jdbcUrl(database), properties);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
        }
        return connection;
    }

    /** Client connections of role app in {@code database} in {@code state}, as the server sees them. */
    private int count(String database, String state) {
        try (Connection c = server.connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'"
                        + " AND datname = '" + database + "' AND state = '" + state + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static ActionRequest request(String source, String sql, Map<String, Object> params) {
        return new ActionRequest(
                "kill_idle_connections",
                new ActionSpec(
                        ActionType.RUN_SCRIPT,
                        new StepConfig(Map.of("datasource", source, "sql", sql), "remediations[0].action.config")),
                new TemplateContext(params, Map.of(), Map.of()),
                "prod",
                Duration.ofSeconds(10),
                "INC-1/kill_idle_connections/1");
    }

    private static boolean alive(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void theBoundSeedStatementEndsTheIdleConnectionsOfThatDatabaseAndNoOthers() {
        ActionOutcome outcome = executor.execute(
                request("payments", SEED_BOUND, Map.of("idle_for", "0 seconds", "datname", "payments")));

        ActionOutcome.Completed completed =
                assertInstanceOf(ActionOutcome.Completed.class, outcome, outcome.toString());
        assertEquals("pg_terminate_backend\n--------------------\ntrue\ntrue\ntrue\n(3 rows)", completed.output());
        Poll.until(
                "the idle payments connections to be gone",
                Duration.ofSeconds(30),
                () -> count("payments", "idle") == 0 ? Optional.of(true) : Optional.empty());
        for (int i = 0; i < 3; i++) {
            assertFalse(alive(clients.get(i)), "idle client " + i + " is disconnected");
        }
        assertTrue(alive(clients.get(3)), "the idle connection to another database survives");
        assertEquals(1, count("payments", "idle in transaction"), "a session inside a transaction is not idle");
    }

    @Test
    void theSeedStatementVerbatimRunsAndSparesConnectionsYoungerThanFiveMinutes() {
        ActionOutcome outcome = executor.execute(request("payments", SEED, Map.of()));

        ActionOutcome.Completed completed =
                assertInstanceOf(ActionOutcome.Completed.class, outcome, outcome.toString());
        assertEquals("pg_terminate_backend\n--------------------\n(0 rows)", completed.output());
        assertEquals(3, count("payments", "idle"));
        assertTrue(clients.stream().allMatch(RunScriptSqlIT::alive));
    }

    @Test
    void aReadOnlyDataSourceRefusesItAndNothingIsTerminated() throws Exception {
        ActionRequest request =
                request("payments_ro", SEED_BOUND, Map.of("idle_for", "0 seconds", "datname", "payments"));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, executor.execute(request));
        assertEquals(
                "invalid config: remediations[0].action.config.datasource: data source 'payments_ro' is read-only;"
                        + " run_script changes things, so it needs a data source marked writable in the bot's"
                        + " configuration (with a role allowed to do only this)",
                failed.reason());
        ActionException preview = assertThrows(ActionException.class, () -> executor.preview(request));
        assertEquals(failed.reason(), preview.getMessage());
        assertEquals(3, count("payments", "idle"));
        assertTrue(clients.stream().allMatch(RunScriptSqlIT::alive));
    }

    @Test
    void hostileValuesAreBoundAndMatchNothing() {
        ActionOutcome outcome = executor.execute(
                request("payments", SEED_BOUND, Map.of("idle_for", "0 seconds", "datname", "payments' OR '1'='1")));

        assertEquals(
                "pg_terminate_backend\n--------------------\n(0 rows)",
                assertInstanceOf(ActionOutcome.Completed.class, outcome).output());
        assertEquals(3, count("payments", "idle"));
    }

    @Test
    void thePreviewShowsTheStatementItsBoundValuesAndTheSource() throws ActionException {
        ActionPreview preview = executor.preview(
                request("payments", SEED_BOUND, Map.of("idle_for", "0 seconds", "datname", "payments")));

        assertEquals(
                "data source payments (" + server.jdbcUrl("payments") + ", writable, as remediator)", preview.target());
        assertEquals(
                List.of(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle' AND state_change"
                                + " < NOW() - CAST(? AS interval) AND datname = ?",
                        "bind parameter 1 = '0 seconds'",
                        "bind parameter 2 = 'payments'",
                        "(one transaction, committed if the statement succeeds; statement timeout 9.5s)"),
                preview.lines());
        assertEquals(3, count("payments", "idle"), "a preview touches nothing");
    }

    @Test
    void anUpdateIsCommittedAndAFailedStatementIsRolledBack() throws SQLException {
        ActionOutcome updated = executor.execute(
                request("payments", "UPDATE counter SET n = n + 1 WHERE id = {{ params.id }}", Map.of("id", 1L)));
        assertEquals(
                "1 row affected",
                assertInstanceOf(ActionOutcome.Completed.class, updated).output());
        assertEquals(1, counter());

        ActionOutcome failed = executor.execute(request(
                "payments",
                "WITH u AS (UPDATE counter SET n = n + 1 WHERE id = {{ params.id }} RETURNING n) SELECT n / 0 FROM u",
                Map.of("id", 1L)));
        ActionOutcome.Failed f = assertInstanceOf(ActionOutcome.Failed.class, failed);
        assertTrue(
                f.reason().startsWith("the statement on data source 'payments' failed and was rolled back: "),
                f.reason());
        assertTrue(f.reason().contains("22012"), f.reason());
        assertEquals(1, counter(), "the failed statement's update was rolled back");
        assertFalse(f.reason().contains(REMEDIATOR_PASSWORD));
    }

    private int counter() throws SQLException {
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n FROM counter WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
