package dev.runbookbot.slack;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When an {@link IncidentThread} tries again what Slack did not take: after each failure in a row, the next try is
 * scheduled on the {@code timer} after {@link DeliveryBackoff#after} (at most one is waiting at a time), until Slack
 * has not taken the messages for longer than {@link DeliveryBackoff#giveUpAfter()}. A try Slack answers starts the
 * count again. Not thread-safe: its thread calls it with its lock held.
 */
final class DeliveryRetries {
    private final DeliveryBackoff backoff;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private int failures;
    private long firstFailureNanos;
    private boolean waiting;

    DeliveryRetries(DeliveryBackoff backoff, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this.backoff = backoff;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    /**
     * A try failed: schedules {@code retry} after the backoff and returns true, or returns false when it is time to
     * give up. While the timer is shutting down, nothing is scheduled.
     */
    boolean failed(Runnable retry) {
        long now = nanoTime.getAsLong();
        if (failures == 0) {
            firstFailureNanos = now;
        }
        failures++;
        if (now - firstFailureNanos > backoff.giveUpAfter().toNanos()) {
            return false;
        }
        waiting = true;
        try {
            timer.schedule(retry, backoff.after(failures).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            waiting = false; // shutting down
        }
        return true;
    }

    /** A try is scheduled and its time has not come. */
    boolean waiting() {
        return waiting;
    }

    /** The scheduled try's time has come. */
    void due() {
        waiting = false;
    }

    /** Slack answered a try. */
    void reset() {
        failures = 0;
    }

    Duration giveUpAfter() {
        return backoff.giveUpAfter();
    }
}
