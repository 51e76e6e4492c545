package dev.runbookbot.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the SQLite database. {@code file}: the database path (the bot's default is {@link #DEFAULT_FILE} in the
 * working directory; {@code config} reads {@code RUNBOOK_DB}). {@code busyTimeout}: how long a write waits for another
 * writer before giving up with a busy error (SQLite's {@code busy_timeout}, and the wait for the in-process write lock).
 * {@code readConnections}: the size of the read pool.
 */
public record StoreOptions(Path file, SynchronousMode synchronous, Duration busyTimeout, int readConnections) {
    public static final Path DEFAULT_FILE = Path.of("runbook-bot.db");
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_READ_CONNECTIONS = 4;

    public StoreOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(synchronous, "synchronous");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout must be between 0 and 24 days, got " + busyTimeout);
        }
        if (readConnections < 1) {
            throw new IllegalArgumentException("at least one read connection is needed, got " + readConnections);
        }
    }

    /** The defaults for a database at {@code file}: synchronous FULL, 5 s busy timeout, 4 read connections. */
    public static StoreOptions at(Path file) {
        return new StoreOptions(file, SynchronousMode.FULL, DEFAULT_BUSY_TIMEOUT, DEFAULT_READ_CONNECTIONS);
    }

    public StoreOptions withFile(Path newFile) {
        return new StoreOptions(newFile, synchronous, busyTimeout, readConnections);
    }

    public StoreOptions withSynchronous(SynchronousMode mode) {
        return new StoreOptions(file, mode, busyTimeout, readConnections);
    }

    public StoreOptions withBusyTimeout(Duration timeout) {
        return new StoreOptions(file, synchronous, timeout, readConnections);
    }
}
