package dev.runbookbot.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt to open the Socket Mode link after a failed one: exponential from {@link
 * #FIRST}, doubling per failure up to {@link #CAP}, each delay spread by a random factor in [0.75, 1.25) so many bots
 * that lost Slack together do not return together, and never shorter than the {@code Retry-After} Slack asked for. In a
 * long storm the attempts settle at about one a minute. A success starts again from {@link #FIRST}.
 *
 * <p>Pure apart from the injected random source ({@code [0, 1)}); not thread-safe (one reconnecting thread uses it).
 */
final class ReconnectBackoff {
    static final Duration FIRST = Duration.ofSeconds(2);
    static final Duration CAP = Duration.ofSeconds(60);

    private final DoubleSupplier random;
    private int failures;

    ReconnectBackoff(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait after one more failed attempt; {@code retryAfter} is what Slack's answer asked for, if anything. */
    Duration afterFailure(Optional<Duration> retryAfter) {
        long base = FIRST.toMillis() << Math.min(failures, 20);
        base = Math.min(base, CAP.toMillis());
        failures++;
        double factor = 0.75 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        Duration jittered = Duration.ofMillis(Math.round(base * factor));
        Duration asked = retryAfter.filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        return jittered.compareTo(asked) >= 0 ? jittered : asked;
    }

    /** The link is open again. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
