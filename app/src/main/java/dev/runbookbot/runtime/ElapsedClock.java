package dev.runbookbot.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The bot's clock: the wall clock read once, when the bot starts, moved on by the monotonic time elapsed since ({@code
 * System.nanoTime}, which a change of the system clock does not move). Every in-process deadline (approval expiry, the
 * escalation timer, the reaper, threshold checks) is measured with it, so a system clock stepped an hour forward does
 * not expire a ten-minute approval, and one stepped back does not hold a 30-second approval open for an hour.
 *
 * <p>The instants it gives are stored (timelines, deadlines), so after a restart they are read against the wall clock
 * again: the time left of a stored deadline is then {@code deadline - now}, clamped to {@code [0, its timeout]}
 * (see {@code RunDeadlines#clampedDeadline}). A step of the system clock while the bot runs shows as an
 * {@link #offsetFrom offset} between the two, which the bot logs; its recorded times keep the bot's own time until it
 * restarts. Thread-safe.
 */
public final class ElapsedClock extends Clock {
    private final Instant start;
    private final long startTicks;
    private final LongSupplier ticker;

    /**
     * @param wall read once, now
     * @param ticker nanoseconds from an arbitrary origin that only move forward with elapsed time
     */
    public ElapsedClock(Clock wall, LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.startTicks = ticker.getAsLong();
        this.start = wall.instant();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(ticker.getAsLong() - startTicks);
    }

    /** How far {@code wall} now is from this clock: positive when the system clock was stepped forward. */
    public Duration offsetFrom(Clock wall) {
        return Duration.between(instant(), wall.instant());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the bot's clock stays in UTC");
    }
}
