package dev.runbookbot.store;

import org.jdbi.v3.core.Handle;

/**
 * The few statements SQLite and PostgreSQL spell differently; every other statement of the stores is written once in
 * the SQL both accept. Table names passed here are the stores' own constants, never input.
 */
public enum SqlDialect {
    SQLITE("migrations/"),
    POSTGRESQL("migrations/postgresql/");

    private final String migrationDirectory;

    SqlDialect(String migrationDirectory) {
        this.migrationDirectory = migrationDirectory;
    }

    /** Where this engine's migration scripts live, beside {@link SchemaMigrations}. */
    String migrationDirectory() {
        return migrationDirectory;
    }

    /**
     * The store's own clock as whole milliseconds since the epoch, an SQL expression. Leases are timed with it rather
     * than with the clock of the replica asking, so replicas whose clocks disagree still agree on who holds a lease.
     * SQLite's {@code julianday('now')} is the time of the statement, with millisecond precision; PostgreSQL's {@code
     * clock_timestamp()} the time of the call (not of the transaction's start, which {@code now()} would be).
     */
    String nowMillis() {
        return switch (this) {
            case SQLITE -> "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
            case POSTGRESQL -> "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
        };
    }

    /**
     * The id for a new row of {@code table} (whose key column is {@code id}). SQLite's single writer makes {@code
     * max(id) + 1} safe; PostgreSQL's writers run side by side, so ids come from the column's identity sequence (gaps
     * after a rolled-back transaction are possible, duplicates are not).
     */
    long nextId(Handle handle, String table) {
        String sql =
                switch (this) {
                    case SQLITE -> "SELECT coalesce(max(id), 0) + 1 FROM " + table;
                    case POSTGRESQL -> "SELECT nextval(pg_get_serial_sequence('" + table + "', 'id'))";
                };
        return handle.createQuery(sql).mapTo(Long.class).one();
    }

    /** The id the last insert on this connection generated (SQLite's rowid, PostgreSQL's last sequence value). */
    long lastInsertedId(Handle handle) {
        String sql =
                switch (this) {
                    case SQLITE -> "SELECT last_insert_rowid()";
                    case POSTGRESQL -> "SELECT lastval()";
                };
        return handle.createQuery(sql).mapTo(Long.class).one();
    }

    /**
     * Serialises, until the end of the current transaction, the writers that decide about the same remediation target
     * (a service in an environment), so that two replicas cannot both start a run on it. SQLite has one writer already.
     */
    void lockTarget(Handle handle, String service, String environment) {
        if (this == POSTGRESQL) {
            handle.createQuery("SELECT pg_advisory_xact_lock(hashtext(:target))::text")
                    .bind("target", "runbook-bot target " + service.length() + ":" + service + "/" + environment)
                    .mapTo(String.class)
                    .one();
        }
    }
}
