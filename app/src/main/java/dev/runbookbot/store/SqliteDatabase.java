package dev.runbookbot.store;

import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database file with the connection discipline it needs: one writer connection, used by one thread at a
 * time, write transactions asked for at the same time sharing one {@code BEGIN IMMEDIATE ... COMMIT} ({@link
 * GroupCommit}, each in a savepoint of its own); a small pool of read
 * connections ({@code PRAGMA query_only}) that run beside it. WAL journal, foreign keys on, {@code busy_timeout} and
 * {@code synchronous} from {@link StoreOptions}. Opening applies pending schema migrations.
 *
 * <p>Jdbi is configured so that exception messages show the statement but never its bound values. A write that cannot
 * start within the busy timeout, because another process holds the database, throws {@link StoreBusyException}.
 *
 * <p>Thread-safe. Shared by the stores built on the same file (incidents now, the encrypted secrets later), so all of
 * them go through the one writer.
 */
public final class SqliteDatabase implements StoreDatabase {
    private static final int PROBE_BALLAST_BYTES = 16_384;

    private final Path file;
    private final StoreOptions options;
    private final Handle writer;
    /** Held while the writer connection is in use; closing takes it. */
    private final Object writerInUse = new Object();

    private final GroupCommit writes;
    private final BlockingQueue<Handle> readers;
    private final List<Handle> allReaders;
    private volatile boolean closed;
    /** Why the last write failed on the storage (full disk, I/O error); null once the write probe works again. */
    private volatile String writeFault;

    private SqliteDatabase(StoreOptions options, Handle writer, List<Handle> readers) {
        this.file = options.file();
        this.options = options;
        this.writer = writer;
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(readers.size(), true, readers);
        this.writes = writer == null
                ? null
                : new GroupCommit(
                        writer,
                        writerInUse,
                        options.busyTimeout().toNanos(),
                        e -> SqliteFailures.translate(e, file, options),
                        this::requireOpen);
    }

    /**
     * Opens (creating if needed) the database for the bot: WAL, migrations applied, one writer and the read pool.
     *
     * @throws StoreException when the directory is missing, the file is not a runbook-bot database, or its schema is
     *     newer than this build
     */
    public static SqliteDatabase open(StoreOptions options, Clock clock) {
        Path file = options.file().toAbsolutePath();
        Path directory = file.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new StoreException("cannot create database " + file + ": directory " + directory + " does not exist");
        }
        Handle writer = null;
        List<Handle> readers = new ArrayList<>();
        try {
            writer = jdbi(writerConfig(options), file).open();
            String journal = writer.createQuery("PRAGMA journal_mode")
                    .mapTo(String.class)
                    .one();
            if (!"wal".equalsIgnoreCase(journal)) {
                throw new StoreException("database " + file + " cannot use WAL journaling (journal_mode is " + journal
                        + "); put it on a local file system");
            }
            SchemaMigrations.migrate(writer, file, clock);
            for (int i = 0; i < options.readConnections(); i++) {
                readers.add(reader(options, file));
            }
            return new SqliteDatabase(options.withFile(file), writer, readers);
        } catch (RuntimeException e) {
            readers.forEach(Handle::close);
            if (writer != null) {
                writer.close();
            }
            throw SqliteFailures.translate(e, file, options);
        }
    }

    /**
     * Opens an existing database for reading only (the CLI): no writer, no migrations, never creates the file. The
     * schema must be exactly the one this build knows.
     */
    public static SqliteDatabase openReadOnly(StoreOptions options) {
        Path file = options.file().toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no database at " + file
                    + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)");
        }
        Handle reader = null;
        try {
            reader = reader(options, file);
            SchemaMigrations.requireCurrent(reader, file);
            return new SqliteDatabase(options.withFile(file), null, List.of(reader));
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            throw SqliteFailures.translate(e, file, options);
        }
    }

    /**
     * Opens an existing database for reading and writing without creating or migrating it (the CLI's writing commands,
     * such as {@code runbookctl promote}): the file must exist and its schema must be exactly the one this build knows,
     * so a CLI of another version never changes the schema under a running bot. One writer and one read connection.
     *
     * @throws StoreException when the file is missing, not a runbook-bot database, or of another schema version
     */
    public static SqliteDatabase openExisting(StoreOptions options) {
        Path file = options.file().toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no database at " + file
                    + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)");
        }
        Handle writer = null;
        Handle reader = null;
        try {
            writer = jdbi(writerConfig(options), file).open();
            reader = reader(options, file);
            SchemaMigrations.requireCurrent(reader, file);
            return new SqliteDatabase(options.withFile(file), writer, List.of(reader));
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
            throw SqliteFailures.translate(e, file, options);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public String describe() {
        return "database " + file;
    }

    /** {@code PRAGMA integrity_check}: exactly {@code ok} for a sound database, otherwise the problems found. */
    public String integrityCheck() {
        return read(h -> String.join(
                "\n",
                h.createQuery("PRAGMA integrity_check").mapTo(String.class).list()));
    }

    /**
     * Runs {@code work} in a write transaction of its own on the writer connection, rolled back if {@code work} throws.
     * Writes from all threads are serialised; those asked for while another commits share the next commit ({@link
     * GroupCommit}).
     *
     * @throws StoreBusyException when the write could not start within the busy timeout; nothing was changed
     */
    @Override
    public <T> T write(Function<Handle, T> work) {
        if (writes == null) {
            throw new IllegalStateException("database " + file + " was opened read-only");
        }
        try {
            return writes.write(
                    work,
                    "database " + file + " is busy: no write could start within "
                            + options.busyTimeout().toMillis() + " ms; nothing was changed, retry later");
        } catch (StoreUnavailableException e) {
            writeFault = e.getMessage();
            throw e;
        }
    }

    /** Writes waiting to start now (for tests). */
    int waitingWrites() {
        return writes == null ? 0 : writes.waiting();
    }

    /**
     * Why writes are failing on the storage (the disk is full, the file cannot be written): set by every write that
     * fails that way, cleared only by a {@link #probeWrite} that works, because a write that changes nothing succeeds
     * even on a full disk. Empty while the store is writable.
     */
    @Override
    public Optional<String> writeFault() {
        return Optional.ofNullable(writeFault);
    }

    /**
     * Rewrites the probe's row ({@code store_probe}, with {@value #PROBE_BALLAST_BYTES} bytes of ballast so the write
     * needs room in the write-ahead log), and clears {@link #writeFault()} when that works.
     *
     * @throws StoreException when it does not (the fault is then recorded)
     */
    @Override
    public void probeWrite(long atMillis) {
        write(handle -> handle.createUpdate("""
                        INSERT INTO store_probe (id, written_ms, ballast) VALUES (1, :at, randomblob(:bytes))
                            ON CONFLICT (id) DO UPDATE SET written_ms = excluded.written_ms, ballast = excluded.ballast
                        """)
                .bind("at", atMillis)
                .bind("bytes", PROBE_BALLAST_BYTES)
                .execute());
        writeFault = null;
    }

    /** Runs {@code work} on a read connection inside one read transaction, so it sees one consistent snapshot. */
    @Override
    public <T> T read(Function<Handle, T> work) {
        requireOpen();
        long waitMillis = options.busyTimeout().toMillis();
        Handle reader;
        try {
            reader = readers.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting to read " + file, e);
        }
        if (reader == null) {
            throw new StoreBusyException("database " + file + " is busy: no read connection came free within "
                    + waitMillis + " ms; retry later");
        }
        try {
            requireOpen();
            return inTransaction(reader, "BEGIN", work);
        } finally {
            readers.add(reader);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            synchronized (writerInUse) {
                writer.close();
            }
        }
        for (Handle reader : allReaders) {
            reader.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("database " + file + " is closed");
        }
    }

    private <T> T inTransaction(Handle handle, String begin, Function<Handle, T> work) {
        try {
            handle.execute(begin);
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file, options);
        }
        boolean committed = false;
        try {
            T result = work.apply(handle);
            handle.execute("COMMIT");
            committed = true;
            return result;
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file, options);
        } finally {
            if (!committed) {
                rollback(handle);
            }
        }
    }

    private static void rollback(Handle handle) {
        try {
            handle.execute("ROLLBACK");
        } catch (JdbiException e) {
            // SQLite already rolled the transaction back (it does after some errors); nothing is left to undo.
        }
    }

    private static SQLiteConfig writerConfig(StoreOptions options) {
        SQLiteConfig config = common(options);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                options.synchronous() == SynchronousMode.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        // Writes use explicit BEGIN IMMEDIATE; this makes any JDBC-managed transaction immediate too.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    private static SQLiteConfig common(StoreOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        return config;
    }

    private static Handle reader(StoreOptions options, Path file) {
        Handle handle = jdbi(common(options), file).open();
        handle.execute("PRAGMA query_only = 1");
        return handle;
    }

    private static Jdbi jdbi(SQLiteConfig config, Path file) {
        String url = "jdbc:sqlite:" + file;
        Jdbi jdbi = Jdbi.create(() -> config.createConnection(url));
        jdbi.installPlugin(new SqlObjectPlugin());
        // Statement text only: bound values (alert text, approvers, output) never reach an exception message or a log.
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
        return jdbi;
    }
}
