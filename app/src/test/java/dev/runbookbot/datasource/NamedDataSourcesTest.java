package dev.runbookbot.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class NamedDataSourcesTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path database;
    private NamedDataSources sources;

    @BeforeEach
    void setUp() throws SQLException {
        database = dir.resolve("ops.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pods (id INTEGER PRIMARY KEY, name TEXT, cpu REAL, note TEXT)");
            s.execute("INSERT INTO pods (name, cpu, note) VALUES ('api-1', 0.5, NULL), ('api-2', 1.25, 'hot'),"
                    + " ('worker-1', 2, 'x')");
        }
        sources = new NamedDataSources(
                List.of(
                        source("ops", "jdbc:sqlite:" + database, false, 1_000),
                        source("ops_rw", "jdbc:sqlite:" + database, true, 1_000),
                        source("capped", "jdbc:sqlite:" + database, false, 2),
                        source("missing", "jdbc:sqlite:" + dir.resolve("nope.db"), false, 10),
                        new DataSourceSettings(
                                "pg",
                                "jdbc:postgresql://127.0.0.1:1/payments",
                                Optional.of("bot"),
                                Optional.of("pg-password"),
                                false,
                                Duration.ofSeconds(5),
                                100)),
                SecretResolver.none());
    }

    private static DataSourceSettings source(String name, String url, boolean writable, int maxRows) {
        return new DataSourceSettings(
                name, url, Optional.empty(), Optional.empty(), writable, Duration.ofSeconds(1), maxRows);
    }

    @Test
    void readsRowsAsSimpleValues() throws DataSourceException {
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            QueryResult result =
                    session.query("SELECT id, name, cpu, note, cpu > 1 AS busy FROM pods ORDER BY id", List.of(), 10);

            assertEquals(List.of("id", "name", "cpu", "note", "busy"), result.columns());
            Map<String, Object> first = new HashMap<>();
            first.put("id", 1L);
            first.put("name", "api-1");
            first.put("cpu", 0.5);
            first.put("note", null);
            first.put("busy", 0L);
            assertEquals(first, result.rows().get(0));
            assertEquals(2.0, result.rows().get(2).get("cpu")); // a REAL column stays a Double
            assertEquals(3, result.rows().size());
            assertFalse(result.truncated());
            assertTrue(session.readOnly());
        }
    }

    @Test
    void repeatedColumnLabelsStayApart() throws DataSourceException {
        try (SqlSession session = sources.openReadOnly("ops")) {
            assertEquals(Duration.ofSeconds(1), session.statementTimeout());
            QueryResult result = session.query("SELECT 1 AS n, 2 AS n, 3 AS n", List.of(), 10);

            assertEquals(List.of("n", "n_2", "n_3"), result.columns());
            assertEquals(Map.of("n", 1L, "n_2", 2L, "n_3", 3L), result.rows().get(0));
        }
    }

    @Test
    void boundValuesAreDataEvenWhenHostile() throws DataSourceException {
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            QueryResult hostile = session.query(
                    "SELECT count(*) AS n FROM pods WHERE name = ?", Arrays.asList("'; DROP TABLE pods; --"), 10);
            QueryResult typed =
                    session.query("SELECT name FROM pods WHERE id = ? OR name = ?", Arrays.asList(2L, "worker-1"), 10);
            QueryResult still = session.query("SELECT count(*) AS n FROM pods", List.of(), 10);

            assertEquals(0L, hostile.rows().get(0).get("n"));
            assertEquals(2, typed.rows().size());
            assertEquals(3L, still.rows().get(0).get("n"));
        }
    }

    @Test
    void capsRowsAtTheSmallerOfTheRequestAndTheSource() throws DataSourceException {
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            QueryResult result = session.query("SELECT id FROM pods ORDER BY id", List.of(), 2);
            assertEquals(2, result.rows().size());
            assertTrue(result.truncated());
        }
        try (SqlSession session = sources.openReadOnly("capped", BUDGET)) {
            QueryResult result = session.query("SELECT id FROM pods ORDER BY id", List.of(), 500);
            assertEquals(2, result.rows().size());
            assertTrue(result.truncated());
        }
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            assertFalse(session.query("SELECT id FROM pods", List.of(), 3).truncated());
        }
    }

    @Test
    void theDatabaseRefusesWritesInAReadOnlySession() throws Exception {
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            DataSourceException insert = assertThrows(
                    DataSourceException.class,
                    () -> session.query("INSERT INTO pods (name) VALUES ('evil') RETURNING id", List.of(), 10));
            DataSourceException update =
                    assertThrows(DataSourceException.class, () -> session.update("DELETE FROM pods", List.of()));

            assertEquals(DataSourceException.Kind.QUERY, insert.kind());
            assertTrue(insert.getMessage().contains("readonly"), insert.getMessage());
            assertEquals(DataSourceException.Kind.NOT_WRITABLE, update.kind());
            assertEquals("this session on data source 'ops' is read-only", update.getMessage());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement s = c.createStatement()) {
            assertTrue(s.executeQuery("SELECT count(*) FROM pods").getLong(1) == 3);
        }
    }

    @Test
    void aWritableSourceWritesOnlyWhatIsCommitted() throws Exception {
        try (SqlSession session = sources.openForWrite("ops_rw", BUDGET)) {
            assertEquals(1, session.update("DELETE FROM pods WHERE name = ?", List.of("api-1")));
            // no commit: closing rolls back
        }
        try (SqlSession session = sources.openForWrite("ops_rw", BUDGET)) {
            assertEquals(1, session.update("DELETE FROM pods WHERE name = ?", List.of("api-2")));
            session.commit();
        }
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            assertEquals(
                    List.of(Map.of("name", "api-1"), Map.of("name", "worker-1")),
                    session.query("SELECT name FROM pods ORDER BY id", List.of(), 10)
                            .rows());
        }
    }

    @Test
    void refusesToWriteToASourceThatIsNotWritable() {
        DataSourceException e = assertThrows(DataSourceException.class, () -> sources.openForWrite("ops"));

        assertEquals(DataSourceException.Kind.NOT_WRITABLE, e.kind());
        assertEquals(
                "data source 'ops' is not writable; mark it writable in the configuration to let remediations write"
                        + " to it",
                e.getMessage());
    }

    @Test
    void aSlowStatementTimesOut() throws DataSourceException {
        try (SqlSession session = sources.openReadOnly("ops", BUDGET)) {
            DataSourceException e = assertThrows(
                    DataSourceException.class,
                    () -> session.query(
                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                            List.of(),
                            10));

            assertEquals(DataSourceException.Kind.TIMEOUT, e.kind());
        }
    }

    @Test
    void aMissingDatabaseFileIsUnreachableAndIsNotCreated() {
        DataSourceException e = assertThrows(DataSourceException.class, () -> sources.openReadOnly("missing", BUDGET));

        assertEquals(DataSourceException.Kind.UNREACHABLE, e.kind());
        assertTrue(
                e.getMessage().startsWith("cannot connect to data source 'missing' (jdbc:sqlite:" + dir),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("nope.db")));
    }

    @Test
    void unknownSourcesAndMissingSecretsAreNamed() {
        DataSourceException unknown =
                assertThrows(DataSourceException.class, () -> sources.openReadOnly("payments", BUDGET));
        DataSourceException secret = assertThrows(DataSourceException.class, () -> sources.openReadOnly("pg", BUDGET));

        assertEquals(DataSourceException.Kind.UNKNOWN_SOURCE, unknown.kind());
        assertEquals(
                "no data source named 'payments'; configured: ops, ops_rw, capped, missing, pg", unknown.getMessage());
        assertEquals(DataSourceException.Kind.MISSING_SECRET, secret.kind());
        assertEquals("secret 'pg-password', the password of data source 'pg', is not defined", secret.getMessage());
    }

    @Test
    void credentialsInAUrlAreRefusedAndNeverShown() {
        IllegalArgumentException query = assertThrows(
                IllegalArgumentException.class,
                () -> source("db", "jdbc:postgresql://db:5432/payments?user=bot&password=hunter2&ssl=true", false, 1));
        IllegalArgumentException userinfo = assertThrows(
                IllegalArgumentException.class,
                () -> source("db", "jdbc:postgresql://bot:hunter2@db:5432/payments", false, 1));
        IllegalArgumentException unsupported =
                assertThrows(IllegalArgumentException.class, () -> source("db", "jdbc:mysql://db/payments", false, 1));

        assertEquals(
                "data source 'db': the JDBC URL jdbc:postgresql://db:5432/payments?user=bot&password=<secret>&ssl=true"
                        + " carries a credential; remove it and name a secret in passwordSecretName instead",
                query.getMessage());
        assertEquals(
                "data source 'db': the JDBC URL jdbc:postgresql://bot:<secret>@db:5432/payments carries a credential;"
                        + " remove it and name a secret in passwordSecretName instead",
                userinfo.getMessage());
        assertEquals(
                "data source 'db': unsupported JDBC URL jdbc:mysql://db/payments; supported: jdbc:postgresql:,"
                        + " jdbc:sqlite:",
                unsupported.getMessage());
        assertEquals("jdbc:sqlite:/x.db?key=<secret>;PWD=<secret>", JdbcUrls.mask("jdbc:sqlite:/x.db?key=abc;PWD=def"));
    }
}
