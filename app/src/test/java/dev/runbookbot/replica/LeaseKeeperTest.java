package dev.runbookbot.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.store.JdbiLeases;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas' lease keepers on one SQLite file, each with its own monotonic ticker moved by the test: one is on
 * duty at a time, a replica counts itself off duty once its own clock says its lease could have expired (cut off from
 * the store), a clean stop hands the duty over at once with a new token, and each new tenure runs the take-over work
 * once, before the duty starts.
 */
class LeaseKeeperTest {
    @TempDir
    Path directory;

    private SqliteDatabase database;
    private final AtomicLong ticksA = new AtomicLong();
    private final AtomicLong ticksB = new AtomicLong();
    private final List<String> takeOvers = new ArrayList<>();

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void oneReplicaIsOnDutyAndACleanStopHandsTheDutyOverWithANewToken() {
        LeaseKeeper a = keeper("bot-a", ticksA);
        LeaseKeeper b = keeper("bot-b", ticksB);

        a.renew();
        b.renew();
        assertTrue(a.onDuty());
        assertFalse(b.onDuty());
        assertEquals(List.of("bot-a on duty: false"), takeOvers, "the take-over work runs before the duty");
        assertEquals(java.util.Set.of("bot-a", "bot-b"), a.liveReplicas());
        long first = a.token();

        a.renew();
        assertEquals(first, a.token(), "renewing is the same tenure");
        assertEquals(1, takeOvers.size(), "no second take-over for the same tenure");

        a.release();
        assertFalse(a.onDuty());
        b.renew();

        assertTrue(b.onDuty());
        assertEquals(first + 1, b.token());
        assertTrue(b.fenceHolds());
        assertEquals(List.of("bot-a on duty: false", "bot-b on duty: false"), takeOvers);
        assertEquals(java.util.Set.of("bot-b"), b.liveReplicas());
    }

    @Test
    void aReplicaThatCannotRenewStopsCountingItselfOnDutyByItsOwnClock() {
        LeaseKeeper a = keeper("bot-a", ticksA);
        a.renew();
        assertTrue(a.onDuty());

        ticksA.addAndGet(LeaseKeeper.TTL.toNanos()); // no renewal for as long as the lease lasts

        assertFalse(a.onDuty(), "off duty before anyone else could take the lease");
        assertFalse(a.fenceHolds());
    }

    @Test
    void whileOnDutyRunsWorkOnlyOnTheReplicaOnDuty() {
        LeaseKeeper a = keeper("bot-a", ticksA);
        LeaseKeeper b = keeper("bot-b", ticksB);
        a.renew();
        b.renew();
        List<String> ran = new ArrayList<>();

        a.whileOnDuty(() -> ran.add("a")).run();
        b.whileOnDuty(() -> ran.add("b")).run();

        assertEquals(List.of("a"), ran);
    }

    private LeaseKeeper keeper(String id, AtomicLong ticks) {
        if (database == null) {
            database = SqliteDatabase.open(StoreOptions.at(directory.resolve("bot.db")), Clock.systemUTC());
        }
        LeaseKeeper[] self = new LeaseKeeper[1];
        self[0] = new LeaseKeeper(
                new JdbiLeases(database),
                new ReplicaId(id),
                ticks::get,
                () -> takeOvers.add(id + " on duty: " + self[0].onDuty()));
        return self[0];
    }
}
