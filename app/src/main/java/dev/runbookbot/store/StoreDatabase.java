package dev.runbookbot.store;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The database under the Jdbi stores: {@link SqliteDatabase} (one file, the embedded default) or {@link
 * PostgresDatabase} (one server shared by every replica). The stores write through {@link #write} and read through
 * {@link #read} and use {@link #dialect()} for the few statements the two engines spell differently, so one store class
 * serves both.
 *
 * <p>Implementations are thread-safe. Failures come out as the core's store exceptions ({@link
 * dev.runbookbot.incident.StoreBusyException}: nothing changed, retry; {@link
 * dev.runbookbot.incident.StoreUnavailableException}: the storage or the server cannot be reached now; {@link
 * dev.runbookbot.incident.StoreException} otherwise), with messages that name statements, never bound values.
 */
public interface StoreDatabase extends AutoCloseable {
    /** Runs {@code work} in one write transaction; rolled back if it throws. */
    <T> T write(Function<Handle, T> work);

    /** Runs {@code work} in one read transaction that sees one consistent snapshot. */
    <T> T read(Function<Handle, T> work);

    /** The SQL spelling of this engine. */
    SqlDialect dialect();

    /** Where the data lives, for messages and logs: a file path, or a PostgreSQL host, port and database. */
    String describe();

    /** The schema version recorded in {@code schema_version}. */
    default int schemaVersion() {
        return read(SchemaMigrations::version);
    }

    /**
     * Why writes are failing on the storage (a full disk, a lost server connection), set by every write that fails that
     * way and cleared only by a {@link #probeWrite} that works. Empty while the store is writable.
     */
    Optional<String> writeFault();

    /**
     * Rewrites the probe's row ({@code store_probe}) in a write transaction and clears {@link #writeFault()} when that
     * works: the readiness check's way to learn that the store takes writes.
     *
     * @throws dev.runbookbot.incident.StoreException when it does not (the fault is then recorded)
     */
    void probeWrite(long atMillis);

    @Override
    void close();
}
