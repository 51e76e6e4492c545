package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes asked for while another commits share the next commit, on a real SQLite file; each keeps the outcome of its own
 * transaction: its result after the commit, its own exception with only its changes undone.
 */
class GroupCommitTest {
    private static final int WRITERS = 10;

    @TempDir
    Path directory;

    private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
    private SqliteDatabase database;

    @AfterEach
    void close() {
        threads.shutdownNow();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void writesThatWaitedShareOneCommitAndEachGetsItsOwnOutcome() throws Exception {
        database = SqliteDatabase.open(
                StoreOptions.at(directory.resolve("bot.db")), ManualClock.at("2024-05-01T10:00:00Z"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(
                () -> database.write(h -> {
                    inside.countDown();
                    await(release);
                    return insert(h, "held");
                }),
                threads);
        assertTrue(inside.await(30, TimeUnit.SECONDS));

        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String key = "k" + i;
            boolean fails = i == 3;
            writes.add(CompletableFuture.supplyAsync(
                    () -> database.write(h -> {
                        ranOn.add(Thread.currentThread().getName());
                        int inserted = insert(h, key);
                        if (fails) {
                            throw new IllegalStateException("the caller's own bug after inserting " + key);
                        }
                        return inserted;
                    }),
                    threads));
        }
        Poll.until(
                WRITERS + " writes waiting",
                Duration.ofSeconds(30),
                () -> database.waitingWrites() == WRITERS ? Optional.of(true) : Optional.empty());
        release.countDown();

        assertEquals(1, holder.get(30, TimeUnit.SECONDS));
        for (int i = 0; i < WRITERS; i++) {
            if (i == 3) {
                CompletableFuture<Integer> failing = writes.get(i);
                ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
                assertEquals(
                        "the caller's own bug after inserting k3", e.getCause().getMessage());
            } else {
                assertEquals(1, writes.get(i).get(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(1, ranOn.size(), "the ten writes that waited ran in one batch, on its leader's thread: " + ranOn);
        List<String> stored = database.read(h -> h.createQuery("SELECT key FROM inbound_event ORDER BY key")
                .mapTo(String.class)
                .list());
        assertEquals(
                List.of("held", "k0", "k1", "k2", "k4", "k5", "k6", "k7", "k8", "k9"),
                stored,
                "all but k3, whose caller failed");
    }

    @Test
    void aStatementThatFailsInABatchUndoesOnlyItsOwnWork() throws Exception {
        database = SqliteDatabase.open(
                StoreOptions.at(directory.resolve("bot.db")), ManualClock.at("2024-05-01T10:00:00Z"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(
                () -> database.write(h -> {
                    inside.countDown();
                    await(release);
                    return insert(h, "held");
                }),
                threads);
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        CompletableFuture<Integer> before =
                CompletableFuture.supplyAsync(() -> database.write(h -> insert(h, "a")), threads);
        Poll.until(
                "one write waiting",
                Duration.ofSeconds(30),
                () -> database.waitingWrites() == 1 ? Optional.of(true) : Optional.empty());
        CompletableFuture<Integer> duplicate = CompletableFuture.supplyAsync(
                () -> database.write(h -> insert(h, "b")
                        + h.execute(
                                "INSERT INTO inbound_event (key, source, received_ms, body) VALUES ('a', 's', 0, '')")),
                threads);
        Poll.until(
                "two writes waiting",
                Duration.ofSeconds(30),
                () -> database.waitingWrites() == 2 ? Optional.of(true) : Optional.empty());
        CompletableFuture<Integer> after =
                CompletableFuture.supplyAsync(() -> database.write(h -> insert(h, "c")), threads);
        Poll.until(
                "three writes waiting",
                Duration.ofSeconds(30),
                () -> database.waitingWrites() == 3 ? Optional.of(true) : Optional.empty());
        release.countDown();

        assertEquals(1, holder.get(30, TimeUnit.SECONDS));
        assertEquals(1, before.get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> duplicate.get(30, TimeUnit.SECONDS));
        StoreException unique = (StoreException) e.getCause();
        assertTrue(unique.getMessage().contains("SQLITE_CONSTRAINT"), unique.getMessage());
        assertEquals(1, after.get(30, TimeUnit.SECONDS));
        assertEquals(
                List.of("held", "a", "c"),
                database.read(h -> h.createQuery("SELECT key FROM inbound_event ORDER BY rowid")
                        .mapTo(String.class)
                        .list()),
                "b went with the statement that failed after it; a and c were kept");
    }

    private static int insert(Handle h, String key) {
        return h.createUpdate("INSERT INTO inbound_event (key, source, received_ms, body) VALUES (:key, 's', 0, '')")
                .bind("key", key)
                .execute();
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
