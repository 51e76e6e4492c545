package dev.runbookbot.runtime;

import dev.runbookbot.store.StoreDatabase;
import dev.runbookbot.web.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code store writable} readiness check: {@link #run()} (on a timer) rewrites the store's probe row ({@link
 * StoreDatabase#probeWrite}), and {@link #ready()} only reads what is known, so a {@code GET /readyz} never waits on
 * the database. Ready while the last probe succeeded and is younger than {@code staleAfter}, and no write has failed on
 * the storage since (a full disk turns {@code /readyz} 503 at the first failing write; the next probe that works turns
 * it back). An empty transaction would not do: it writes nothing, so it succeeds on a full disk. Thread-safe.
 */
final class StoreWriteProbe implements ReadinessCheck, Runnable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriteProbe.class);

    private final StoreDatabase database;
    private final Clock clock;
    private final Duration staleAfter;
    private volatile Instant lastWritable;

    StoreWriteProbe(StoreDatabase database, Clock clock, Duration staleAfter) {
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
        return last != null
                && !clock.instant().isAfter(last.plus(staleAfter))
                && database.writeFault().isEmpty();
    }

    @Override
    public void run() {
        boolean wasFailing = database.writeFault().isPresent();
        try {
            database.probeWrite(clock.millis());
            lastWritable = clock.instant();
            if (wasFailing) {
                log.info("the store is writable again");
            }
        } catch (RuntimeException e) {
            log.warn("the store is not writable: {}", e.getMessage());
        }
    }
}
