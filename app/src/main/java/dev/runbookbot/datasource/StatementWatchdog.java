package dev.runbookbot.datasource;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a statement that is still running when its time is up. SQLite needs this: sqlite-jdbc maps
 * {@link Statement#setQueryTimeout} to the busy (lock wait) timeout only, so a slow query would otherwise run forever;
 * {@link Statement#cancel()} there calls {@code sqlite3_interrupt}. The cancel can only hit the statement it guards:
 * closing the watchdog first marks the statement done, under the same lock the cancel takes.
 */
final class StatementWatchdog implements AutoCloseable {
    private final Statement statement;
    private final CompletableFuture<Void> timer;
    private boolean done;

    private StatementWatchdog(Statement statement, Duration timeout) {
        this.statement = statement;
        this.timer = timeout == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(
                        this::fire, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Cancels {@code statement} once {@code timeout} has passed, unless closed before. */
    static StatementWatchdog guard(Statement statement, Duration timeout) {
        return new StatementWatchdog(statement, timeout);
    }

    /** A watchdog that never fires. */
    static StatementWatchdog idle() {
        return new StatementWatchdog(null, null);
    }

    private synchronized void fire() {
        if (!done) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the statement ended on its own meanwhile
            }
        }
    }

    /** Marks the statement done; after this the watchdog never touches it. Does not throw. */
    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        timer.cancel(false);
    }
}
