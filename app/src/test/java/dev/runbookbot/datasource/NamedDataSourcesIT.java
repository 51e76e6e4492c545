package dev.runbookbot.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The read-only, timeout and credential guarantees of {@link NamedDataSources} against a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class NamedDataSourcesIT {
    private static final String PASSWORD = "bot-pw-'\"; DROP ROLE bot; --";
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private PostgresServer server;
    private NamedDataSources sources;

    @BeforeAll
    void startServer() throws Exception {
        server = PostgresServer.start();
        server.execute(
                "postgres",
                "CREATE ROLE bot LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'",
                "CREATE DATABASE payments OWNER bot",
                // without pg_read_all_stats (part of pg_monitor) other users' sessions show a NULL state
                "GRANT pg_monitor TO bot");
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement()) {
            s.execute("SET ROLE bot");
            // bot owns the table, so every refusal below comes from read-only mode, not from missing privileges
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL, balance numeric(12,2))");
            s.execute("INSERT INTO accounts VALUES (1, 'alice', 10.50), (2, 'bob', 0), (3, 'x''; DROP TABLE"
                    + " accounts; --', NULL)");
        }
        SecretResolver secrets = name -> switch (name) {
            case "payments-db" -> Optional.of(new Secret(name, PASSWORD));
            case "wrong" -> Optional.of(new Secret(name, "not-the-password"));
            default -> Optional.empty();
        };
        String url = server.jdbcUrl("payments");
        sources = new NamedDataSources(
                List.of(
                        new DataSourceSettings(
                                "payments",
                                url,
                                Optional.of("bot"),
                                Optional.of("payments-db"),
                                true,
                                Duration.ofSeconds(5),
                                100),
                        new DataSourceSettings(
                                "payments_1s",
                                url,
                                Optional.of("bot"),
                                Optional.of("payments-db"),
                                false,
                                Duration.ofSeconds(1),
                                100),
                        new DataSourceSettings(
                                "wrong_password",
                                url,
                                Optional.of("bot"),
                                Optional.of("wrong"),
                                false,
                                Duration.ofSeconds(5),
                                100),
                        new DataSourceSettings(
                                "nobody_home",
                                "jdbc:postgresql://127.0.0.1:1/payments",
                                Optional.of("bot"),
                                Optional.of("payments-db"),
                                false,
                                Duration.ofSeconds(5),
                                100)),
                secrets);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private long accountCount() throws Exception {
        try (Connection c = server.connect("payments");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readsWithTheSecretPasswordAndConvertsValues() throws Exception {
        try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
            QueryResult result = session.query(
                    "SELECT id, owner, balance, balance > 5 AS rich, now() > '2000-01-01' AS recent"
                            + " FROM accounts ORDER BY id",
                    List.of(),
                    10);

            assertEquals(List.of("id", "owner", "balance", "rich", "recent"), result.columns());
            assertEquals(
                    Map.of("id", 1L, "owner", "alice", "balance", 10.5, "rich", true, "recent", true),
                    result.rows().get(0));
            assertEquals(0L, result.rows().get(1).get("balance")); // a whole numeric reads as an integer
            assertEquals(null, result.rows().get(2).get("balance"));
        }
    }

    @Test
    void theDatabaseRefusesEveryWriteInAReadOnlySession() throws Exception {
        long before = accountCount();
        for (String write : List.of(
                "DELETE FROM accounts RETURNING id",
                "INSERT INTO accounts VALUES (9, 'mallory', 1) RETURNING id",
                "WITH gone AS (DELETE FROM accounts RETURNING id) SELECT count(*) FROM gone",
                "UPDATE accounts SET balance = 0 RETURNING id")) {
            try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
                DataSourceException e =
                        assertThrows(DataSourceException.class, () -> session.query(write, List.of(), 10), write);

                assertEquals(DataSourceException.Kind.QUERY, e.kind(), write);
                assertEquals(Optional.of("25006"), e.sqlState(), write);
                assertTrue(e.getMessage().contains("in a read-only transaction (SQLSTATE 25006)"), e.getMessage());
            }
        }
        assertEquals(before, accountCount());
    }

    @Test
    void aReadOnlySessionCannotBeTurnedBackIntoAWritableOne() throws Exception {
        long before = accountCount();
        try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
            // the first statement already ran, so the transaction's read-only mode is fixed
            session.query("SELECT 1", List.of(), 1);
            DataSourceException e = assertThrows(
                    DataSourceException.class,
                    () -> session.query("SELECT set_config('transaction_read_only', 'off', true)", List.of(), 1));
            assertEquals(DataSourceException.Kind.QUERY, e.kind());
            assertThrows(
                    DataSourceException.class, () -> session.query("DELETE FROM accounts RETURNING id", List.of(), 10));
        }
        assertEquals(before, accountCount());
    }

    @Test
    void aWritableSourceCanBeOpenedForWrite() throws Exception {
        try (SqlSession session = sources.openForWrite("payments", BUDGET)) {
            assertEquals(1, session.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", List.of(1L, 2L)));
            session.commit();
        }
        try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
            assertEquals(
                    1L,
                    session.query("SELECT balance FROM accounts WHERE id = 2", List.of(), 1)
                            .rows()
                            .get(0)
                            .get("balance"));
        }
        try (SqlSession session = sources.openForWrite("payments", BUDGET)) {
            session.update("UPDATE accounts SET balance = 0 WHERE id = ?", List.of(2L));
            session.commit();
        }
        DataSourceException refused =
                assertThrows(DataSourceException.class, () -> sources.openForWrite("payments_1s", BUDGET));
        assertEquals(DataSourceException.Kind.NOT_WRITABLE, refused.kind());
    }

    @Test
    void theStatementTimeoutStopsASlowQuery() throws Exception {
        try (SqlSession session = sources.openReadOnly("payments_1s", BUDGET)) {
            DataSourceException e =
                    assertThrows(DataSourceException.class, () -> session.query("SELECT pg_sleep(10)", List.of(), 1));

            assertEquals(DataSourceException.Kind.TIMEOUT, e.kind());
            assertEquals(Optional.of("57014"), e.sqlState());
            assertEquals(Duration.ofSeconds(1), session.statementTimeout());
        }
    }

    @Test
    void theCallersBudgetShortensTheStatementTimeout() throws Exception {
        try (SqlSession session = sources.openReadOnly("payments", Duration.ofMillis(700))) {
            assertEquals(Duration.ofMillis(700), session.statementTimeout());
            DataSourceException e =
                    assertThrows(DataSourceException.class, () -> session.query("SELECT pg_sleep(10)", List.of(), 1));
            assertEquals(DataSourceException.Kind.TIMEOUT, e.kind());
        }
    }

    @Test
    void boundValuesAreDataEvenWhenHostile() throws Exception {
        long before = accountCount();
        try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
            QueryResult injected = session.query("SELECT id FROM accounts WHERE owner = ?", List.of("' OR '1'='1"), 10);
            QueryResult literal = session.query(
                    "SELECT id FROM accounts WHERE owner = ?", List.of("x'; DROP TABLE accounts; --"), 10);
            QueryResult typed = session.query("SELECT owner FROM accounts WHERE id = ?", List.of("2"), 10);

            assertEquals(List.of(), injected.rows());
            assertEquals(List.of(Map.of("id", 3L)), literal.rows());
            assertEquals(List.of(Map.of("owner", "bob")), typed.rows());
        }
        assertEquals(before, accountCount());
    }

    @Test
    void loginFailuresAreUnreachableAndNeverShowThePassword() {
        DataSourceException wrong =
                assertThrows(DataSourceException.class, () -> sources.openReadOnly("wrong_password", BUDGET));
        DataSourceException down =
                assertThrows(DataSourceException.class, () -> sources.openReadOnly("nobody_home", BUDGET));

        assertEquals(DataSourceException.Kind.UNREACHABLE, wrong.kind());
        assertTrue(
                wrong.getMessage()
                        .startsWith("cannot connect to data source 'wrong_password' (" + server.jdbcUrl("payments")
                                + "): FATAL: password authentication failed for user \"bot\""),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-the-password"));
        assertEquals(DataSourceException.Kind.UNREACHABLE, down.kind());
        assertTrue(
                down.getMessage()
                        .startsWith(
                                "cannot connect to data source 'nobody_home' (jdbc:postgresql://127.0.0.1:1/payments):"),
                down.getMessage());
        assertFalse(down.getMessage().contains(PASSWORD));
    }

    @Test
    void countsConnectionsByStateFromPgStatActivity() throws Exception {
        List<Connection> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(server.connect("payments"));
            }
            try (SqlSession session = sources.openReadOnly("payments", BUDGET)) {
                QueryResult result = session.query(
                        "SELECT state, count(*) AS connections FROM pg_stat_activity"
                                + " WHERE datname = ? AND backend_type = 'client backend'"
                                + " GROUP BY state ORDER BY state",
                        List.of("payments"),
                        50);

                assertEquals(List.of("state", "connections"), result.columns());
                Map<Object, Object> byState = new java.util.HashMap<>();
                result.rows().forEach(r -> byState.put(r.get("state"), r.get("connections")));
                assertTrue((Long) byState.get("idle") >= 3L, byState.toString());
                assertEquals(1L, byState.get("active"), byState.toString()); // this very query
            }
        } finally {
            for (Connection c : idle) {
                c.close();
            }
        }
    }
}
