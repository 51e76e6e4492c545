package dev.runbookbot.runtime;

import dev.runbookbot.incident.RecoveryNotices;
import dev.runbookbot.store.JdbiIncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing stays running or awaiting approval forever: expired and overdue runs are marked and announced, and so are the
 * runs of workers (replicas) without a live heartbeat, as interrupted. Deadlines
 * are read on the bot's own clock, so a step of the system clock changes none; one is logged, once per step. Runs on
 * the {@code reaper} thread only.
 */
final class IncidentReaper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentReaper.class);
    private static final Duration CLOCK_STEP_WORTH_LOGGING = Duration.ofSeconds(2);

    private final JdbiIncidentStore store;
    private final RecoveryNotices notices;
    private final Supplier<Set<String>> liveWorkers;
    private final ElapsedClock clock;
    private final Clock wallClock;
    private final Duration interval;
    /** The clock offset last logged. */
    private Duration loggedClockOffset = Duration.ZERO;

    IncidentReaper(
            JdbiIncidentStore store,
            RecoveryNotices notices,
            Supplier<Set<String>> liveWorkers,
            ElapsedClock clock,
            Clock wallClock,
            Duration interval) {
        this.store = store;
        this.notices = notices;
        this.liveWorkers = liveWorkers;
        this.clock = clock;
        this.wallClock = wallClock;
        this.interval = interval;
    }

    @Override
    public void run() {
        Duration offset = clock.offsetFrom(wallClock);
        if (offset.abs().compareTo(CLOCK_STEP_WORTH_LOGGING) > 0
                && offset.minus(loggedClockOffset).abs().compareTo(CLOCK_STEP_WORTH_LOGGING) > 0) {
            loggedClockOffset = offset;
            LOG.warn(
                    "the system clock is {} s away from the bot's (it was stepped); deadlines keep to the time"
                            + " elapsed, and the times the bot records stay on its own clock until it restarts",
                    offset.toSeconds());
        }
        try {
            notices.announceReaped(store.reap(liveWorkers.get()));
        } catch (RuntimeException e) {
            LOG.warn("the reaper failed this round; it tries again in {}", interval, e);
        }
    }
}
