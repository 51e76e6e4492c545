package dev.runbookbot.slack;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again a message Slack did not take: doubling from {@code first} up to {@code max},
 * each wait drawn between half and all of it (jitter, so that incidents held up by one outage do not all come back in
 * the same second), and never before a {@code Retry-After} window Slack announced has ended ({@link SlackWebApi} waits
 * that out itself). {@code giveUpAfter} bounds how long one message is tried.
 */
public record DeliveryBackoff(Duration first, Duration max, Duration giveUpAfter) {
    /** 1 s doubling to 30 s, for up to a day (longer than any incident is worked on in chat). */
    public static final DeliveryBackoff DEFAULT =
            new DeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(24));

    public DeliveryBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= max and a non-negative give-up time");
        }
    }

    /** The wait after {@code failures} failed tries in a row (1 = after the first). */
    Duration after(int failures) {
        long full = first.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(full, max.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
