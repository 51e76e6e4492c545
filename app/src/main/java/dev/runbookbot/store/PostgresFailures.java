package dev.runbookbot.store;

import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementException;

/**
 * PostgreSQL's SQLSTATE codes turned into the store's exceptions, for {@link PostgresDatabase}. A lost or refused
 * connection, a server shutting down and a read-only standby are {@link StoreUnavailableException} (webhooks answer
 * 503, the sender retries, the readiness check reports it); a lock or statement timeout is {@link StoreBusyException};
 * the rest is a {@link StoreException} naming the SQLSTATE and the statement. Server messages are only repeated for
 * connection and login failures: constraint messages quote the values of the row, which may be alert data.
 */
final class PostgresFailures {
    /** A concurrent writer won: unique key taken, serialization failure, deadlock. The transaction may be run again. */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01");

    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300", "25006", "58030");

    private PostgresFailures() {}

    /** True when {@code e} is a conflict with a concurrent transaction, after which the whole work may be redone. */
    static boolean retryable(RuntimeException e) {
        SQLException sql = sqlCause(e);
        return e instanceof JdbiException && sql != null && RETRYABLE.contains(sql.getSQLState());
    }

    /** The store's exception for a failure while talking to {@code where}; exceptions of our own code pass as they are. */
    static RuntimeException translate(RuntimeException e, String where, PostgresStoreSettings settings) {
        if (!(e instanceof JdbiException)) {
            return e;
        }
        StoreException translated = translate(sqlCause(e), where, settings, statement(e));
        translated.setStackTrace(e.getStackTrace());
        return translated;
    }

    static StoreException translate(SQLException sql, String where, PostgresStoreSettings settings, String statement) {
        if (sql instanceof SQLTransientConnectionException pool) {
            SQLException cause = pool.getCause() instanceof SQLException c ? c : null;
            if (cause == null) {
                return new StoreBusyException(where + " is busy: no connection of the pool (" + settings.poolSize()
                        + ") came free within " + settings.busyTimeout().toMillis() + " ms; nothing was changed,"
                        + " retry later");
            }
            sql = cause;
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE.contains(state)) {
            return new StoreUnavailableException(where + " cannot be reached (" + state + ": " + firstLine(sql)
                    + "); check that the server runs and store.url (RUNBOOK_STORE_URL); nothing was changed");
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException(where + " refused the login (" + state + ": " + firstLine(sql)
                    + "); check store.user (RUNBOOK_STORE_USER) and the secret named by store.passwordSecret"
                    + " (RUNBOOK_STORE_PASSWORD_SECRET)");
        }
        if (state.equals("3D000")) {
            return new StoreException(where + " does not exist on the server (3D000); create it (CREATE DATABASE) or"
                    + " fix store.url (RUNBOOK_STORE_URL)");
        }
        if (state.equals("55P03") || state.equals("57014")) {
            return new StoreBusyException(where + " is busy: a lock or the statement did not finish within "
                    + settings.busyTimeout().toMillis() + " ms (" + state + "); nothing was changed, retry later");
        }
        if (state.equals("53100")) {
            return new StoreUnavailableException(where + ": the server's disk is full (53100); nothing was changed");
        }
        return new StoreException(where + ": SQLSTATE " + (state.isEmpty() ? "unknown" : state) + statement);
    }

    private static String firstLine(SQLException sql) {
        String message = sql == null || sql.getMessage() == null ? "no message" : sql.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    static SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
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
