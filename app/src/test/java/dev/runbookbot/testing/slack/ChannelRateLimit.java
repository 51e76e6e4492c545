package dev.runbookbot.testing.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * A per-channel rate limit of one method, as Slack applies to {@code chat.postMessage} ("1 per second per channel,
 * short bursts allowed"): a bucket of {@code burst} calls per channel, refilled with one call per {@code refillEvery}.
 * An empty bucket answers HTTP 429 with a {@code Retry-After} long enough for the next call to pass.
 */
public record ChannelRateLimit(String method, int burst, Duration refillEvery) {
    public ChannelRateLimit {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(refillEvery, "refillEvery");
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and a positive refill interval");
        }
    }

    /** Slack's documented {@code chat.postMessage} limit: one per second per channel, with a burst of {@code burst}. */
    public static ChannelRateLimit postMessage(int burst) {
        return new ChannelRateLimit("chat.postMessage", burst, Duration.ofSeconds(1));
    }
}
