package dev.runbookbot.runtime;

import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.web.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code store writable} readiness check: {@link #run()} (on a timer) opens and commits an empty write transaction,
 * and {@link #ready()} only reads when that last worked, so a {@code GET /readyz} never waits on the database. Ready
 * while the last probe succeeded and is younger than {@code staleAfter}. Thread-safe.
 */
final class StoreWriteProbe implements ReadinessCheck, Runnable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriteProbe.class);

    private final SqliteDatabase database;
    private final Clock clock;
    private final Duration staleAfter;
    private volatile Instant lastWritable;

    StoreWriteProbe(SqliteDatabase database, Clock clock, Duration staleAfter) {
        this.database = database;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    @Override
    public String name() {
        return "store writable";
    }

    @Override
    public boolean ready() {
        Instant last = lastWritable;
        return last != null && !clock.instant().isAfter(last.plus(staleAfter));
    }

    @Override
    public void run() {
        try {
            database.write(handle -> Boolean.TRUE);
            lastWritable = clock.instant();
        } catch (RuntimeException e) {
            log.warn("the store is not writable: {}", e.getMessage());
        }
    }
}
