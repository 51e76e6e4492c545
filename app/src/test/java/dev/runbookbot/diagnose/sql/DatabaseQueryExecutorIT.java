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
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** {@code database_query} end to end against a real PostgreSQL started for this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DatabaseQueryExecutorIT {
    private static final Path RUNBOOK = Path.of("runbooks/payments-slow.yaml");
    private static final String PASSWORD = "diag-" + Long.toHexString(System.nanoTime());

    private PostgresServer server;
    private DatabaseQueryExecutor executor;

    @BeforeAll
    void startServer() throws Exception {
        server = PostgresServer.start();
        server.execute(
                "postgres",
                "CREATE ROLE diag LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE DATABASE payments OWNER diag",
                "GRANT pg_monitor TO diag");
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement()) {
            s.execute("SET ROLE diag");
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, status text NOT NULL)");
            s.execute("INSERT INTO orders VALUES (1, 'alice', 'paid'), (2, 'bob', 'failed'),"
                    + " (3, 'carol''s \"shop\"; DROP TABLE orders; --', 'failed')");
        }
        String url = server.jdbcUrl("payments");
        NamedDataSources sources = new NamedDataSources(
                List.of(
                        new DataSourceSettings(
                                "payments",
                                url,
                                Optional.of("diag"),
                                Optional.of("payments-db"),
                                false,
                                Duration.ofSeconds(5),
                                500),
                        new DataSourceSettings(
                                "payments_1s",
                                url,
                                Optional.of("diag"),
                                Optional.of("payments-db"),
                                false,
                                Duration.ofSeconds(1),
                                500),
                        new DataSourceSettings(
                                "wrong_password",
                                url,
                                Optional.of("diag"),
                                Optional.of("stale"),
                                false,
                                Duration.ofSeconds(5),
                                500)),
                name -> switch (name) {
                    case "payments-db" -> Optional.of(new Secret(name, PASSWORD));
                    case "stale" -> Optional.of(new Secret(name, "stale-password-123"));
                    default -> Optional.empty();
                });
        executor = new DatabaseQueryExecutor(sources);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Outcome run(String source, String query, Map<String, Object> params, Map<String, String> labels) {
        Duration timeout = Duration.ofSeconds(10);
        DiagnosticSpec spec = new DiagnosticSpec(
                "db_check",
                "DB check",
                "",
                DiagnosticType.DATABASE_QUERY,
                new StepConfig(Map.of("datasource", source, "query", query), "diagnostics[0].config"),
                timeout,
                new InterpretSpec(
                        Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.unknown(RUNBOOK)),
                SourceLocation.unknown(RUNBOOK));
        return executor.execute(new DiagnosticRequest(spec, new TemplateContext(params, labels, Map.of()), timeout));
    }

    private long orderCount() throws Exception {
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void hostileTemplateValuesAreBoundAsData() throws Exception {
        String hostile = "carol's \"shop\"; DROP TABLE orders; --";
        Outcome exact = run(
                "payments",
                "SELECT id FROM orders WHERE customer = {{ labels.customer }}",
                Map.of(),
                Map.of("customer", hostile));
        Outcome tautology = run(
                "payments",
                "SELECT count(*) FROM orders WHERE customer = {{ labels.customer }} AND status = {{ params.status }}",
                Map.of("status", "failed' OR '1'='1"),
                Map.of("customer", "x' OR '1'='1"));
        Outcome typed =
                run("payments", "SELECT customer FROM orders WHERE id = {{ params.id }}", Map.of("id", 2L), Map.of());

        assertEquals(3L, assertInstanceOf(Outcome.Observed.class, exact).facts().get("value"));
        assertEquals(
                0L, assertInstanceOf(Outcome.Observed.class, tautology).facts().get("value"));
        assertEquals(
                "bob", assertInstanceOf(Outcome.Observed.class, typed).facts().get("value"));
        assertEquals(3L, orderCount());
    }

    @Test
    void aDiagnosticCannotWriteEvenThroughAQueryThatLooksLikeARead() throws Exception {
        for (String write : List.of(
                "WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone",
                "WITH added AS (INSERT INTO orders VALUES (9, 'mallory', 'paid') RETURNING id) SELECT * FROM added")) {
            Outcome outcome = run("payments", write, Map.of(), Map.of());

            // PostgreSQL names the statement's top-level command (SELECT for a data-modifying WITH)
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, write);
            assertEquals(FailureKind.QUERY_ERROR, failed.kind(), write);
            assertTrue(
                    failed.reason()
                            .matches("query on data source 'payments' failed: cannot execute [A-Z]+ in"
                                    + " a read-only transaction \\(SQLSTATE 25006\\)"),
                    failed.reason());
        }
        Outcome.Failed plainDelete =
                assertInstanceOf(Outcome.Failed.class, run("payments", "DELETE FROM orders", Map.of(), Map.of()));
        assertEquals(FailureKind.CONFIGURATION, plainDelete.kind());
        assertEquals(3L, orderCount());
    }

    @Test
    void aSlowQueryIsStoppedByTheStatementTimeout() {
        Outcome outcome = run("payments_1s", "SELECT pg_sleep(10)", Map.of(), Map.of());

        // The server's statement_timeout and the driver's query timeout are both 1 s; whichever fires first cancels
        // the statement, so PostgreSQL names either "statement timeout" or "user request" (both SQLSTATE 57014).
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.TIMEOUT, failed.kind());
        assertTrue(
                failed.reason()
                                .equals("query on data source 'payments_1s' did not finish within 1s: canceling"
                                        + " statement due to statement timeout (SQLSTATE 57014)")
                        || failed.reason()
                                .equals("query on data source 'payments_1s' did not finish within 1s:"
                                        + " canceling statement due to user request (SQLSTATE 57014)"),
                failed.reason());
    }

    @Test
    void sqlErrorsCarryTheirSqlstate() {
        assertEquals(
                Outcome.failed(
                        FailureKind.QUERY_ERROR,
                        "query on data source 'payments' failed: relation \"nope\" does not exist (SQLSTATE 42P01)"),
                run("payments", "SELECT * FROM nope", Map.of(), Map.of()));
    }

    @Test
    void aRefusedLoginIsUnreachableAndHidesThePassword() {
        Outcome.Failed failed =
                assertInstanceOf(Outcome.Failed.class, run("wrong_password", "SELECT 1", Map.of(), Map.of()));

        assertEquals(FailureKind.UNREACHABLE, failed.kind());
        assertEquals(
                "cannot connect to data source 'wrong_password' (" + server.jdbcUrl("payments")
                        + "): FATAL: password authentication failed for user \"diag\" (SQLSTATE 28P01)",
                failed.reason());
        assertFalse(failed.reason().contains("stale-password-123"));
    }

    @Test
    void idleConnectionsOnThePaymentsDatabaseByState() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(server.connect("payments"));
            }
            Outcome grouped = run(
                    "payments",
                    "SELECT coalesce(state, 'unknown') AS state, count(*) AS connections FROM pg_stat_activity"
                            + " WHERE datname = {{ params.database }} AND backend_type = 'client backend'"
                            + " GROUP BY 1 ORDER BY 2 DESC",
                    Map.of("database", "payments"),
                    Map.of());
            Outcome idle = run(
                    "payments",
                    "SELECT count(*) AS idle FROM pg_stat_activity WHERE datname = {{ params.database }}"
                            + " AND state = 'idle'",
                    Map.of("database", "payments"),
                    Map.of());

            Outcome.Observed rows = assertInstanceOf(Outcome.Observed.class, grouped);
            assertEquals(List.of("state", "connections"), rows.facts().get("columns"));
            Map<Object, Object> byState = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list =
                    (List<Map<String, Object>>) rows.facts().get("rows");
            list.forEach(r -> byState.put(r.get("state"), r.get("connections")));
            assertTrue((Long) byState.get("idle") >= 5, byState.toString());
            assertEquals("idle", rows.facts().get("value"), "the most common state comes first");
            Outcome.Observed count = assertInstanceOf(Outcome.Observed.class, idle);
            assertTrue((Long) count.facts().get("value") >= 5, count.facts().toString());
            assertEquals(true, count.facts().get("has_value"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}
