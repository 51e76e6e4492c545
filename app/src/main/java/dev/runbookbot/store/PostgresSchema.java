package dev.runbookbot.store;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.store.SchemaMigrations.Migration;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * The versioned schema on PostgreSQL: the same versions as SQLite's ({@link SchemaMigrations#MIGRATIONS}), each with
 * its script in {@code migrations/postgresql/}, recorded in the same {@code schema_version} table. PostgreSQL runs DDL
 * inside transactions, so a start applies every pending version in one transaction; replicas that start together
 * queue on a transaction-scoped advisory lock and the later ones find the work done. A database newer than this build
 * is refused untouched, and so is one holding tables but no {@code schema_version}.
 */
final class PostgresSchema {
    /** The advisory lock key that serialises migrations ("rbbot" in ASCII). */
    private static final long MIGRATION_LOCK = 0x7262626f74L;

    private PostgresSchema() {}

    /** Brings the schema up to {@link SchemaMigrations#LATEST} in one transaction on {@code handle}. */
    static void migrate(Handle handle, String where, Clock clock) {
        handle.useTransaction(h -> {
            h.createQuery("SELECT pg_advisory_xact_lock(:key)::text")
                    .bind("key", MIGRATION_LOCK)
                    .mapTo(String.class)
                    .one();
            int current = currentVersion(h, where);
            for (Migration migration : SchemaMigrations.MIGRATIONS) {
                if (migration.version() > current) {
                    h.createScript(SchemaMigrations.load(migration, SqlDialect.POSTGRESQL))
                            .execute();
                    h.createUpdate("INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")
                            .bind(0, migration.version())
                            .bind(1, migration.description())
                            .bind(2, clock.millis())
                            .execute();
                }
            }
        });
    }

    /** Checks, without changing anything, that the schema is exactly the one this build knows. */
    static void requireCurrent(Handle handle, String where) {
        if (!hasTable(handle, "schema_version")) {
            StoreException foreign = notOurs(handle, where);
            throw foreign != null
                    ? foreign
                    : new StoreException(where + " is empty; runbook-bot creates its schema when it first starts");
        }
        int version = SchemaMigrations.version(handle);
        if (version > SchemaMigrations.LATEST) {
            throw tooNew(where, version);
        }
        if (version < SchemaMigrations.LATEST) {
            throw new StoreException(
                    where + " has schema version " + version + ", older than this runbook-bot (knows up" + " to "
                            + SchemaMigrations.LATEST + "); start runbook-bot once to migrate it");
        }
    }

    private static int currentVersion(Handle h, String where) {
        if (!hasTable(h, "schema_version")) {
            StoreException foreign = notOurs(h, where);
            if (foreign != null) {
                throw foreign;
            }
            h.execute("CREATE TABLE schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            return 0;
        }
        int version = SchemaMigrations.version(h);
        if (version > SchemaMigrations.LATEST) {
            throw tooNew(where, version);
        }
        return version;
    }

    private static StoreException tooNew(String where, int version) {
        return new StoreException(where + " has schema version " + version
                + ", newer than this runbook-bot (knows up to " + SchemaMigrations.LATEST
                + "); upgrade runbook-bot or point RUNBOOK_STORE_URL at another database");
    }

    private static StoreException notOurs(Handle handle, String where) {
        int tables = handle.createQuery("""
                        SELECT count(*) FROM information_schema.tables
                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                        """).mapTo(Integer.class).one();
        if (tables == 0) {
            return null;
        }
        return new StoreException(where + " is not a runbook-bot database: its schema has " + tables
                + (tables == 1 ? " table" : " tables")
                + " but no schema_version; point RUNBOOK_STORE_URL at an empty database");
    }

    private static boolean hasTable(Handle handle, String name) {
        return handle.createQuery("SELECT to_regclass(CAST(:name AS text)) IS NOT NULL")
                .bind("name", name)
                .mapTo(Boolean.class)
                .one();
    }
}
