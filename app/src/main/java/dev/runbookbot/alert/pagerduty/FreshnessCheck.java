package dev.runbookbot.alert.pagerduty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses PagerDuty events whose {@code occurred_at} is older than a window: PagerDuty's signature has no timestamp,
 * so a captured, validly signed request could be replayed forever; the delivery log stops replays of ids it has seen,
 * and this check bounds how long it must remember them.
 *
 * <p>The window has to be longer than PagerDuty's own retries: it retries up to 4 times over about 20 minutes and
 * queues later webhooks behind a failing one, and it drops a 4xx answer without retry (three in a row disable the
 * subscription for 24 hours). A window shorter than that would refuse PagerDuty's genuine late deliveries after an
 * outage of ours, so the default is {@value #DEFAULT_MINUTES} minutes. The delivery log must keep delivery ids at
 * least that long.
 *
 * <p>Clock skew: only the past is checked. An {@code occurred_at} in the future is accepted whatever its distance: the
 * signature proves PagerDuty wrote it, so a future time can only mean that one of the two clocks is off, and refusing
 * it would lose a genuine event. A clock of ours running ahead by {@code d} shortens the window by {@code d}; the
 * generous default absorbs ordinary NTP-level skew. Immutable and thread-safe.
 */
public final class FreshnessCheck {
    static final long DEFAULT_MINUTES = 30;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(DEFAULT_MINUTES);

    private final Duration window;
    private final Clock clock;

    public FreshnessCheck(Duration window, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the PagerDuty freshness window must be positive, not " + window);
        }
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why the event is refused as stale, or empty when it is fresh enough. */
    public Optional<String> refusal(Instant occurredAt) {
        Instant now = clock.instant();
        Duration age = Duration.between(occurredAt, now);
        if (age.compareTo(window) <= 0) {
            return Optional.empty();
        }
        return Optional.of("event.occurred_at " + occurredAt + " is " + age.toSeconds() + "s old; events older than "
                + window.toSeconds() + "s are refused as possible replays");
    }

    public Duration window() {
        return window;
    }
}
