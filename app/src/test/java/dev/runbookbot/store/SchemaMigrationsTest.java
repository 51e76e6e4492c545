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
                        "inbound_event",
                        "incident",
                        "incident_input",
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
                        "6|alert_group|" + clock.millis()),
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
            files = listing.map(p -> "migrations/" + p.getFileName()).sorted().toList();
        }
        assertEquals(
                SchemaMigrations.MIGRATIONS.stream()
                        .map(SchemaMigrations.Migration::resource)
                        .sorted()
                        .toList(),
                files);
        for (int i = 0; i < SchemaMigrations.MIGRATIONS.size(); i++) {
            assertEquals(i + 1, SchemaMigrations.MIGRATIONS.get(i).version(), "versions count up from 1");
        }
    }
}
