package dev.runbookbot.store;

/**
 * The store's own clock in SQL, as whole milliseconds since the epoch. Leases are timed with it rather than with the
 * clock of the replica asking, so replicas whose clocks disagree still agree on who holds a lease.
 */
final class StoreClockSql {
    /** SQLite: {@code julianday('now')} is the time of the statement, with millisecond precision. */
    static final String SQLITE_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    private StoreClockSql() {}
}
