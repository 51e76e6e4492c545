package dev.runbookbot.store;

import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import java.nio.file.Path;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementException;
import org.sqlite.SQLiteException;

/** SQLite's result codes turned into the store's exceptions, for {@link SqliteDatabase}. */
final class SqliteFailures {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private SqliteFailures() {}

    /**
     * Turns a failed statement into the store's exceptions, with a message that names the database, the statement and
     * SQLite's error but never a bound value: some Jdbi messages print the binding, so a Jdbi exception is never
     * passed on or attached as a cause (its stack trace is kept). Exceptions from our own code pass unchanged.
     */
    static RuntimeException translate(RuntimeException e, Path file, StoreOptions options) {
        if (!(e instanceof JdbiException)) {
            return e;
        }
        SQLiteException sqlite = sqliteCause(e);
        int primary = sqlite == null ? -1 : sqlite.getResultCode().code & 0xff;
        StoreException translated =
                switch (primary) {
                    case SQLITE_BUSY, SQLITE_LOCKED ->
                        new StoreBusyException("database " + file
                                + " is busy: another writer held it longer than the busy timeout ("
                                + options.busyTimeout().toMillis() + " ms); nothing was changed, retry later");
                    case SQLITE_NOTADB -> new StoreException("file " + file + " is not an SQLite database");
                    case SQLITE_CANTOPEN, SQLITE_READONLY ->
                        new StoreUnavailableException(
                                "cannot open database " + file + " for writing: check the path and its permissions");
                    case SQLITE_FULL ->
                        new StoreUnavailableException("database " + file
                                + ": the disk is full (or the file reached its size limit); nothing was changed");
                    case SQLITE_IOERR ->
                        new StoreUnavailableException("database " + file
                                + " could not be read or written (" + sqlite.getResultCode()
                                + "); check the disk, then run PRAGMA integrity_check");
                    case SQLITE_CORRUPT ->
                        new StoreException("database " + file
                                + " could not be read or written (" + sqlite.getResultCode()
                                + "); check the disk, then run PRAGMA integrity_check");
                    default ->
                        new StoreException(
                                "database " + file + ": " + e.getClass().getSimpleName()
                                        + (sqlite == null ? "" : " " + sqlite.getResultCode()) + statement(e));
                };
        translated.setStackTrace(e.getStackTrace());
        return translated;
    }

    private static SQLiteException sqliteCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                return sqlite;
            }
        }
        return null;
    }

    /** The statement text as written in the DAO: placeholders only, never values. */
    private static String statement(RuntimeException e) {
        if (e instanceof StatementException statement && statement.getStatementContext() != null) {
            String sql = statement.getStatementContext().getRawSql();
            if (sql != null) {
                return " in statement: " + sql.strip().replaceAll("\\s+", " ");
            }
        }
        return "";
    }
}
