package dev.runbookbot.store;

import dev.runbookbot.incident.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The versioned schema: {@code migrations/V<n>__<description>.sql} resources applied in order at start-up, each
 * recorded in {@code schema_version}. A database newer than this build is refused with what to do, never touched.
 * Adding a migration: add the file here and its PostgreSQL twin in {@code migrations/postgresql/} (see {@link
 * PostgresSchema}), and one line to {@link #MIGRATIONS}; the migration tests check that the three agree and that both
 * engines end with the same tables and columns.
 */
final class SchemaMigrations {
    record Migration(int version, String description) {
        String resource() {
            return resource(SqlDialect.SQLITE);
        }

        /** The script of this version for {@code dialect}; both engines have one per version, kept in step. */
        String resource(SqlDialect dialect) {
            return dialect.migrationDirectory() + "V" + version + "__" + description + ".sql";
        }
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "init"),
            new Migration(2, "secret"),
            new Migration(3, "promotions"),
            new Migration(4, "incident_input"),
            new Migration(5, "store_probe"),
            new Migration(6, "run_cancelled"),
            new Migration(7, "alert_group"),
            new Migration(8, "incident_needs_attention"),
            new Migration(9, "lease"));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private SchemaMigrations() {}

    /**
     * Brings the schema up to {@link #LATEST} inside one {@code BEGIN IMMEDIATE} transaction. Foreign-key enforcement
     * is off meanwhile, so a migration may rebuild a table that others reference (SQLite's documented way to change a
     * constraint); every reference is checked before the commit, and a dangling one rolls everything back.
     */
    static void migrate(Handle writer, Path file, Clock clock) {
        writer.execute("PRAGMA foreign_keys = OFF");
        try {
            migrateInTransaction(writer, file, clock);
        } finally {
            writer.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void migrateInTransaction(Handle writer, Path file, Clock clock) {
        writer.execute("BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            int current = currentVersion(writer, file);
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > current) {
                    applyScript(writer, migration, file);
                    writer.createUpdate(
                                    "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")
                            .bind(0, migration.version())
                            .bind(1, migration.description())
                            .bind(2, clock.millis())
                            .execute();
                }
            }
            List<String> dangling = writer.createQuery("PRAGMA foreign_key_check")
                    .map((rs, ctx) ->
                            rs.getString("table") + " row " + rs.getLong("rowid") + " -> " + rs.getString("parent"))
                    .list();
            if (!dangling.isEmpty()) {
                throw new StoreException("database " + file + " has references to missing rows after migrating ("
                        + String.join(", ", dangling) + "); nothing was changed");
            }
            writer.execute("COMMIT");
            committed = true;
        } finally {
            if (!committed) {
                writer.execute("ROLLBACK");
            }
        }
    }

    /**
     * Runs a migration's statements as SQLite runs a script ({@code sqlite3_exec}: in order, stopping at the first that
     * fails), not through Jdbi's script parser, whose SQL lexer was a third of a fresh database's start-up.
     */
    private static void applyScript(Handle writer, Migration migration, Path file) {
        try (Statement statements = writer.getConnection().createStatement()) {
            statements.executeUpdate(load(migration));
        } catch (SQLException e) {
            throw new StoreException(
                    "database " + file + ": migration " + migration.resource() + " failed: " + e.getMessage(), e);
        }
    }

    /** Checks, without changing anything, that the schema is exactly the one this build knows. */
    static void requireCurrent(Handle reader, Path file) {
        if (!hasTable(reader, "schema_version")) {
            StoreException foreign = notOurs(reader, file);
            throw foreign != null
                    ? foreign
                    : new StoreException(
                            "database " + file + " is empty; runbook-bot creates its schema when it first starts");
        }
        int version = version(reader);
        if (version > LATEST) {
            throw tooNew(file, version);
        }
        if (version < LATEST) {
            throw new StoreException("database " + file + " has schema version " + version
                    + ", older than this runbook-bot (knows up to " + LATEST
                    + "); start runbook-bot once to migrate it");
        }
    }

    static int version(Handle handle) {
        return handle.createQuery("SELECT coalesce(max(version), 0) FROM schema_version")
                .mapTo(Integer.class)
                .one();
    }

    private static int currentVersion(Handle writer, Path file) {
        if (!hasTable(writer, "schema_version")) {
            StoreException foreign = notOurs(writer, file);
            if (foreign != null) {
                throw foreign;
            }
            writer.execute("CREATE TABLE schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
            return 0;
        }
        int version = version(writer);
        if (version > LATEST) {
            throw tooNew(file, version);
        }
        return version;
    }

    private static StoreException tooNew(Path file, int version) {
        return new StoreException("database schema version " + version + " is newer than this runbook-bot (knows up to "
                + LATEST + "); upgrade runbook-bot or point RUNBOOK_DB at another file (" + file + ")");
    }

    /** An error when the file holds tables but no schema_version (someone else's database); null when it is empty. */
    private static StoreException notOurs(Handle handle, Path file) {
        int tables = handle.createQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .mapTo(Integer.class)
                .one();
        if (tables == 0) {
            return null;
        }
        return new StoreException("database " + file + " is not a runbook-bot database: it has " + tables
                + (tables == 1 ? " table" : " tables") + " but no schema_version; point RUNBOOK_DB at another file");
    }

    private static boolean hasTable(Handle handle, String name) {
        return handle.createQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")
                        .bind(0, name)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    private static String load(Migration migration) {
        return load(migration, SqlDialect.SQLITE);
    }

    static String load(Migration migration, SqlDialect dialect) {
        String resource = migration.resource(dialect);
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
