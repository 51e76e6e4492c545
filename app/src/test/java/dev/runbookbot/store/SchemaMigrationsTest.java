package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.testing.ManualClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned migrations at start-up: fresh, re-open, a newer schema, files that are not ours. */
class SchemaMigrationsTest {
    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");

    private Path file() {
        return directory.resolve("runbook-bot.db");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement()) {
            for (String s : statements) {
                statement.execute(s);
            }
        }
    }

    private List<String> column(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    @Test
    void aFreshFileGetsTheWholeSchemaAndItsVersion() throws SQLException {
        try (SqliteDatabase db = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
        }
        assertEquals(
                List.of(
                        "alert_group_member",
                        "automation_event",
                        "diagnosis_claim",
                        "inbound_event",
                        "incident",
                        "incident_input",
                        "lease",
                        "promotion",
                        "remediation_run",
                        "run_approval",
                        "run_transition",
                        "schema_version",
                        "secret",
                        "store_probe",
                        "timeline_event"),
                column("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"));
        assertEquals(
                List.of(
                        "1|init|" + clock.millis(),
                        "2|secret|" + clock.millis(),
                        "3|promotions|" + clock.millis(),
                        "4|incident_input|" + clock.millis(),
                        "5|store_probe|" + clock.millis(),
                        "6|run_cancelled|" + clock.millis(),
                        "7|alert_group|" + clock.millis(),
                        "8|incident_needs_attention|" + clock.millis(),
                        "9|lease|" + clock.millis()),
                column(
                        "SELECT version || '|' || description || '|' || applied_ms FROM schema_version ORDER BY version"));
    }

    @Test
    void reopeningAppliesNothingTwiceAndKeepsTheData() throws SQLException {
        SqliteDatabase.open(StoreOptions.at(file()), clock).close();
        sql("INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k1', 'test', 0, '{}')");
        try (SqliteDatabase db = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
        }
        assertEquals(
                List.of(String.valueOf(SchemaMigrations.MIGRATIONS.size())),
                column("SELECT count(*) FROM schema_version"));
        assertEquals(List.of("k1"), column("SELECT key FROM inbound_event"));
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() throws SQLException {
        SqliteDatabase.open(StoreOptions.at(file()), clock).close();
        sql("INSERT INTO schema_version (version, description, applied_ms) VALUES (" + (SchemaMigrations.LATEST + 1)
                + ", 'from the future', 0)");
        StoreException e =
                assertThrows(StoreException.class, () -> SqliteDatabase.open(StoreOptions.at(file()), clock));
        assertEquals(
                "database schema version " + (SchemaMigrations.LATEST + 1)
                        + " is newer than this runbook-bot (knows up to " + SchemaMigrations.LATEST
                        + "); upgrade runbook-bot or"
                        + " point RUNBOOK_DB at another file ("
                        + file() + ")",
                e.getMessage());
        assertEquals(
                List.of(String.valueOf(SchemaMigrations.LATEST + 1)),
                column("SELECT max(version) FROM schema_version"));
        StoreException readOnly =
                assertThrows(StoreException.class, () -> SqliteDatabase.openReadOnly(StoreOptions.at(file())));
        assertEquals(e.getMessage(), readOnly.getMessage());
    }

    /** Version 8 rebuilds the incident table: a version 7 database keeps every row and every reference to them. */
    @Test
    void version8KeepsTheIncidentsAndWhatRefersToThem() throws Exception {
        List<String> upToSeven = new ArrayList<>();
        upToSeven.add("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                + " applied_ms INTEGER NOT NULL)");
        for (SchemaMigrations.Migration m : SchemaMigrations.MIGRATIONS.subList(0, 7)) {
            try (var in = SchemaMigrations.class.getResourceAsStream(m.resource())) {
                upToSeven.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            upToSeven.add("INSERT INTO schema_version VALUES (" + m.version() + ", '" + m.description() + "', 0)");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement()) {
            for (String script : upToSeven) {
                for (String one : script.split(";\\s*\\n")) {
                    if (!one.replaceAll("(?m)^--.*$", "").isBlank()) {
                        statement.execute(one);
                    }
                }
            }
        }
        sql(
                "INSERT INTO incident (id, title, runbook_id, runbook_version, service, severity, environment, source,"
                        + " dedup_key, state, triggered_by, created_ms, updated_ms) VALUES (1, 't', 'r', 'v', 's', 'P2',"
                        + " 'production', 'ALERTMANAGER', 'fp1', 'REMEDIATING', 'am', 0, 0)",
                "INSERT INTO timeline_event (incident_id, at_ms, kind, actor, summary) VALUES (1, 0, 'NOTE', 'bot',"
                        + " 'kept')");

        try (SqliteDatabase db = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
        }

        assertEquals(
                List.of("1|REMEDIATING|fp1"), column("SELECT id || '|' || state || '|' || dedup_key FROM incident"));
        assertEquals(List.of("kept"), column("SELECT summary FROM timeline_event WHERE incident_id = 1"));
        assertEquals(List.of(), column("PRAGMA foreign_key_check"));
        assertEquals(
                List.of(
                        "incident_dedup_key",
                        "incident_escalation_deadline",
                        "incident_open_dedup_key",
                        "incident_state"),
                column("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'incident'"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name"));
        sql("UPDATE incident SET state = 'NEEDS_ATTENTION' WHERE id = 1");
        assertEquals(List.of("NEEDS_ATTENTION"), column("SELECT state FROM incident"));
    }

    @Test
    void someoneElsesDatabaseIsNotTouched() throws SQLException {
        sql("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
        StoreException e =
                assertThrows(StoreException.class, () -> SqliteDatabase.open(StoreOptions.at(file()), clock));
        assertEquals(
                "database " + file() + " is not a runbook-bot database: it has 1 table but no schema_version; point"
                        + " RUNBOOK_DB at another file",
                e.getMessage());
        assertEquals(List.of("customers"), column("SELECT name FROM sqlite_schema WHERE type = 'table'"));
    }

    @Test
    void aFileThatIsNotSqliteIsNamed() throws IOException {
        Files.writeString(file(), "this is a text file, not a database ".repeat(200));
        StoreException e =
                assertThrows(StoreException.class, () -> SqliteDatabase.open(StoreOptions.at(file()), clock));
        assertEquals("file " + file() + " is not an SQLite database", e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path nowhere = directory.resolve("no-such-dir").resolve("runbook-bot.db");
        StoreException e =
                assertThrows(StoreException.class, () -> SqliteDatabase.open(StoreOptions.at(nowhere), clock));
        assertEquals(
                "cannot create database " + nowhere + ": directory " + nowhere.getParent() + " does not exist",
                e.getMessage());
    }

    @Test
    void readOnlyOpeningNeverCreatesOrMigrates() throws SQLException {
        StoreException missing =
                assertThrows(StoreException.class, () -> SqliteDatabase.openReadOnly(StoreOptions.at(file())));
        assertEquals(
                "no database at " + file()
                        + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)",
                missing.getMessage());
        assertEquals(false, Files.exists(file()));

        SqliteDatabase.open(StoreOptions.at(file()), clock).close();
        sql("DELETE FROM schema_version");
        StoreException older =
                assertThrows(StoreException.class, () -> SqliteDatabase.openReadOnly(StoreOptions.at(file())));
        assertEquals(
                "database " + file() + " has schema version 0, older than this runbook-bot (knows up to "
                        + SchemaMigrations.LATEST + "); start"
                        + " runbook-bot once to migrate it",
                older.getMessage());
    }

    @Test
    void everyMigrationFileIsListedInOrder() throws IOException, URISyntaxException {
        Path migrations =
                Path.of(SchemaMigrations.class.getResource("migrations").toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(migrations)) {
            files = listing.filter(Files::isRegularFile)
                    .map(p -> "migrations/" + p.getFileName())
                    .sorted()
                    .toList();
        }
        assertEquals(
                SchemaMigrations.MIGRATIONS.stream()
                        .map(SchemaMigrations.Migration::resource)
                        .sorted()
                        .toList(),
                files);
        // PostgreSQL's scripts are kept in step: one per version, the same names.
        List<String> postgres;
        try (Stream<Path> listing = Files.list(migrations.resolve("postgresql"))) {
            postgres = listing.map(p -> "migrations/postgresql/" + p.getFileName())
                    .sorted()
                    .toList();
        }
        assertEquals(
                SchemaMigrations.MIGRATIONS.stream()
                        .map(m -> m.resource(SqlDialect.POSTGRESQL))
                        .sorted()
                        .toList(),
                postgres);
        for (int i = 0; i < SchemaMigrations.MIGRATIONS.size(); i++) {
            assertEquals(i + 1, SchemaMigrations.MIGRATIONS.get(i).version(), "versions count up from 1");
        }
    }

    @Test
    void version6RebuildsTheRunTableSoARunCanBeCancelledAndKeepsEveryRowAndReference() throws Exception {
        for (SchemaMigrations.Migration m : SchemaMigrations.MIGRATIONS.subList(0, 5)) {
            try (var in = SchemaMigrations.class.getResourceAsStream(m.resource())) {
                String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                List<String> statements = new ArrayList<>();
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        statements.add(statement);
                    }
                }
                sql(statements.toArray(String[]::new));
            }
        }
        sql(
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                        + " applied_ms INTEGER NOT NULL)",
                "INSERT INTO schema_version VALUES (1, 'init', 0), (2, 'secret', 0), (3, 'promotions', 0),"
                        + " (4, 'incident_input', 0), (5, 'store_probe', 0)",
                "INSERT INTO incident (id, title, runbook_id, runbook_version, service, severity, environment, source,"
                        + " state, triggered_by, created_ms, updated_ms) VALUES (1, 't', 'rb', '1', 'api', 'P2',"
                        + " 'prod', 'CLI', 'AWAITING_APPROVAL', 'U1', 0, 0)",
                "INSERT INTO remediation_run (id, incident_id, remediation_id, attempt, action, preview, state,"
                        + " requested_by, requested_ms, required_approvals, message_channel, message_ts, version)"
                        + " VALUES (7, 1, 'restart', 1, 'restart_service', 'p', 'PROPOSED', 'U1', 0, 1, 'C1', '1.2', 3)",
                "INSERT INTO run_approval VALUES (7, 'U2', 0, 'ok')",
                "INSERT INTO run_transition (run_id, from_state, to_state, actor, at_ms, reason)"
                        + " VALUES (7, NULL, 'PROPOSED', 'U1', 0, 'proposed')");

        try (SqliteDatabase db = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
        }

        assertEquals(
                List.of("7|1|restart|PROPOSED|C1|1.2|3"),
                column("SELECT id || '|' || incident_id || '|' || remediation_id || '|' || state || '|'"
                        + " || message_channel || '|' || message_ts || '|' || version FROM remediation_run"));
        assertEquals(List.of("1"), column("SELECT count(*) FROM run_approval WHERE run_id = 7"));
        assertEquals(
                List.of("remediation_run_state", "sqlite_autoindex_remediation_run_1"),
                column("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'remediation_run'"
                        + " ORDER BY name"));
        sql("UPDATE remediation_run SET state = 'CANCELLED' WHERE id = 7");
        assertEquals(List.of("CANCELLED"), column("SELECT state FROM remediation_run WHERE id = 7"));
        assertEquals(
                List.of("remediation_run"),
                column("SELECT \"table\" FROM pragma_foreign_key_list('run_approval')"),
                "the approvals still reference the rebuilt table");
    }
}
