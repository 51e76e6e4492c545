package dev.runbookbot.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SlackWebApi} answers HTTP 429.
 *
 * @param maxAttempts calls per request, the first included; after that the result is {@link SlackFailureKind#RATE_LIMITED}
 * @param maxWait the longest {@code Retry-After} wait accepted; a longer one fails at once rather than hold a worker
 * @param defaultRetryAfter the wait assumed when a 429 carries no usable {@code Retry-After}
 */
public record RateLimitPolicy(int maxAttempts, Duration maxWait, Duration defaultRetryAfter) {

    /** Four attempts, waits of up to 30 s, 1 s when Slack does not say. */
    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(4, Duration.ofSeconds(30), Duration.ofSeconds(1));

    public RateLimitPolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (maxWait.isNegative() || defaultRetryAfter.isNegative()) {
            throw new IllegalArgumentException("rate limit waits must not be negative");
        }
    }
}
