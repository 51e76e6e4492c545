package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import dev.runbookbot.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The connection discipline on a real file: WAL, BEGIN IMMEDIATE, one writer, busy errors, value-free messages. */
class SqliteDatabaseTest {
    private static final String SECRET = "hunter2-do-not-print";

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private SqliteDatabase database;

    private Path file() {
        return directory.resolve("runbook-bot.db");
    }

    private SqliteDatabase open(StoreOptions options) {
        database = SqliteDatabase.open(options, clock);
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** A second, independent connection to the same file, as another process would have. */
    private Connection rawConnection() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
        }
        return connection;
    }

    private static String pragma(Handle handle, String name) {
        return handle.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }

    @Test
    void theWriterUsesWalForeignKeysBusyTimeoutAndSynchronousFull() {
        SqliteDatabase db = open(StoreOptions.at(file()));
        assertEquals("wal", db.write(h -> pragma(h, "journal_mode")));
        assertEquals("1", db.write(h -> pragma(h, "foreign_keys")));
        assertEquals("5000", db.write(h -> pragma(h, "busy_timeout")));
        assertEquals("2", db.write(h -> pragma(h, "synchronous")), "2 is FULL");
        assertEquals("1", db.read(h -> pragma(h, "query_only")));
        assertEquals("1", db.read(h -> pragma(h, "foreign_keys")));
        assertEquals("5000", db.read(h -> pragma(h, "busy_timeout")));
        assertEquals("ok", db.integrityCheck());
    }

    @Test
    void aFullDiskIsAWriteFaultUntilTheProbeCanWriteAgain() throws SQLException {
        SqliteDatabase db = open(StoreOptions.at(file()));
        assertEquals(Optional.empty(), db.writeFault());
        // a migration that rebuilt a table left free pages behind: compact, so that any new table needs the file to
        // grow
        try (Connection raw = rawConnection();
                Statement vacuum = raw.createStatement()) {
            vacuum.execute("VACUUM");
        }
        long pages = db.write(h -> Long.parseLong(pragma(h, "page_count")));
        db.write(h -> pragma(h, "max_page_count = " + pages)); // the file may not grow: SQLITE_FULL, as on a full disk

        StoreUnavailableException full = assertThrows(
                StoreUnavailableException.class, () -> db.write(h -> h.execute("CREATE TABLE filler (b BLOB)")));
        assertTrue(full.getMessage().contains("the disk is full"), full.getMessage());
        assertEquals(Optional.of(full.getMessage()), db.writeFault());
        assertThrows(StoreUnavailableException.class, () -> db.probeWrite(1));
        assertTrue(db.writeFault().isPresent(), "a failing probe keeps the fault");
        db.write(h -> h.execute("CREATE TEMP TABLE scratch (x INTEGER)"));
        assertTrue(db.writeFault().isPresent(), "a write that needs no room does not clear it");

        db.write(h -> pragma(h, "max_page_count = 1000000"));
        db.probeWrite(2);
        assertEquals(Optional.empty(), db.writeFault());
        assertEquals(Long.valueOf(2), db.read(h -> h.createQuery("SELECT written_ms FROM store_probe")
                .mapTo(Long.class)
                .one()));
    }

    @Test
    void synchronousNormalCanBeChosen() {
        SqliteDatabase db = open(StoreOptions.at(file()).withSynchronous(SynchronousMode.NORMAL));
        assertEquals("1", db.write(h -> pragma(h, "synchronous")), "1 is NORMAL");
    }

    @Test
    void aWriteTransactionHoldsTheWriteLockFromItsFirstStatement() {
        SqliteDatabase db = open(StoreOptions.at(file()));
        SQLiteException blocked = db.write(h -> {
            // Nothing written yet in this transaction: only BEGIN IMMEDIATE can already hold the lock.
            try (Connection other = rawConnection();
                    Statement statement = other.createStatement()) {
                return assertThrows(SQLiteException.class, () -> statement.execute("BEGIN IMMEDIATE"));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(SQLiteErrorCode.SQLITE_BUSY, blocked.getResultCode());
    }

    @Test
    void aWriterElsewhereMakesWritesBusyButNotReads() throws Exception {
        SqliteDatabase db = open(StoreOptions.at(file()).withBusyTimeout(Duration.ofMillis(200)));
        try (Connection other = rawConnection();
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k1', 's', 0, '')");
            StoreBusyException busy = assertThrows(
                    StoreBusyException.class,
                    () -> db.write(h -> h.execute(
                            "INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k2', 's', 0, '')")));
            assertEquals(
                    "database " + file() + " is busy: another writer held it longer than the busy timeout (200 ms);"
                            + " nothing was changed, retry later",
                    busy.getMessage());
            assertNull(busy.getCause());
            assertEquals(
                    0,
                    db.read(h -> count(h, "inbound_event")).intValue(),
                    "readers see the last commit, without waiting");
            statement.execute("COMMIT");
        }
        db.write(
                h -> h.execute("INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k2', 's', 0, '')"));
        assertEquals(2, db.read(h -> count(h, "inbound_event")).intValue());
    }

    @Test
    void writesFromManyThreadsQueueForTheOneWriterUpToTheBusyTimeout() throws Exception {
        SqliteDatabase db = open(StoreOptions.at(file()).withBusyTimeout(Duration.ofMillis(100)));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> db.write(h -> {
            inside.countDown();
            await(release);
            return null;
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        StoreBusyException busy = assertThrows(StoreBusyException.class, () -> db.write(h -> 1));
        assertEquals(
                "database " + file() + " is busy: no write could start within 100 ms; nothing was changed, retry later",
                busy.getMessage());
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertEquals(1, db.write(h -> 1).intValue());
    }

    @Test
    void aReadPoolWithNoFreeConnectionIsBusyToo() {
        SqliteDatabase db = open(new StoreOptions(file(), SynchronousMode.FULL, Duration.ofMillis(100), 1));
        StoreBusyException busy = db.read(h -> assertThrows(StoreBusyException.class, () -> db.read(inner -> 1)));
        assertTrue(busy.getMessage().contains("no read connection came free within 100 ms"), busy.getMessage());
    }

    @Test
    void aFailedWriteRollsBackAndOurOwnExceptionsPassUnchanged() {
        SqliteDatabase db = open(StoreOptions.at(file()));
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> db.write(h -> {
                    h.execute("INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k1', 's', 0, '')");
                    throw new IllegalStateException("bug in the caller");
                }));
        assertEquals("bug in the caller", thrown.getMessage());
        assertEquals(0, db.read(h -> count(h, "inbound_event")).intValue());
        db.write(
                h -> h.execute("INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k1', 's', 0, '')"));
        assertEquals(1, db.read(h -> count(h, "inbound_event")).intValue(), "the writer is usable after a rollback");
    }

    @Test
    void failedStatementsNeverShowBoundValues() {
        SqliteDatabase db = open(StoreOptions.at(file()));
        StoreException foreignKey = assertThrows(
                StoreException.class,
                () -> db.write(h -> h.createUpdate(
                                "INSERT INTO timeline_event (incident_id, at_ms, kind, actor, summary) VALUES (:incident, 0,"
                                        + " 'NOTE', :actor, :summary)")
                        .bind("incident", 999)
                        .bind("actor", SECRET)
                        .bind("summary", SECRET)
                        .execute()));
        assertTrue(foreignKey.getMessage().contains("SQLITE_CONSTRAINT_FOREIGNKEY"), foreignKey.getMessage());
        assertTrue(
                foreignKey.getMessage().contains("in statement: INSERT INTO timeline_event"), foreignKey.getMessage());
        assertNoSecret(foreignKey);

        StoreException check = assertThrows(
                StoreException.class,
                () -> db.write(h -> h.createUpdate(
                                "INSERT INTO inbound_event (key, source, received_ms, body) VALUES (:key, :source, 0, NULL)")
                        .bind("key", SECRET)
                        .bind("source", SECRET)
                        .execute()));
        assertNoSecret(check);

        StoreException missingParameter = assertThrows(
                StoreException.class,
                () -> db.write(h -> h.createUpdate(
                                "INSERT INTO inbound_event (key, source, received_ms, body) VALUES (:key, :nope, 0, '')")
                        .bind("key", SECRET)
                        .execute()));
        assertNoSecret(missingParameter);
    }

    private static void assertNoSecret(StoreException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(SECRET), trace.toString());
        assertNull(e.getCause(), "a Jdbi exception is never attached: its message may print the binding");
    }

    @Test
    void aReadOnlyDatabaseRefusesWritesAndAClosedOneRefusesEverything() {
        open(StoreOptions.at(file())).close();
        try (SqliteDatabase readOnly = SqliteDatabase.openReadOnly(StoreOptions.at(file()))) {
            assertEquals(SchemaMigrations.LATEST, readOnly.schemaVersion());
            IllegalStateException write = assertThrows(IllegalStateException.class, () -> readOnly.write(h -> 1));
            assertEquals("database " + file() + " was opened read-only", write.getMessage());
            assertThrows(
                    StoreException.class,
                    () -> readOnly.read(h -> h.execute(
                            "INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('k', 's', 0, '')")));
            readOnly.close();
            assertThrows(IllegalStateException.class, () -> readOnly.read(h -> 1));
        }
    }

    private static Integer count(Handle handle, String table) {
        return handle.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
