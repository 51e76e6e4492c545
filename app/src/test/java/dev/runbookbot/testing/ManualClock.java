package dev.runbookbot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A clock that moves only when a test moves it. {@link #advance} is time passing (the wall clock and the {@link
 * #ticker() monotonic ticker} move together); {@link #step} and {@link #set} change the wall clock alone, as an
 * administrator or NTP stepping the system clock would. Thread-safe.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at an ISO-8601 instant such as {@code 2024-05-01T10:00:00Z}. */
    public static ManualClock at(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    /** Time passes: the wall clock and the ticker move on by {@code step}. */
    public Instant advance(Duration step) {
        elapsedNanos.addAndGet(step.toNanos());
        return now.updateAndGet(instant -> instant.plus(step));
    }

    /** The wall clock is stepped by {@code by} (forward or back); no time passes for the ticker. */
    public Instant step(Duration by) {
        return now.updateAndGet(instant -> instant.plus(by));
    }

    /** Monotonic nanoseconds (as {@code System.nanoTime}): moved by {@link #advance} only. */
    public LongSupplier ticker() {
        return elapsedNanos::get;
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ManualClock stays in UTC");
    }
}
