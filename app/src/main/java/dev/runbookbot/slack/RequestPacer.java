package dev.runbookbot.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Paces Web API calls to the rates Slack publishes, so the bot does not learn a limit from a refused call: each paced
 * method has a bucket of {@code burst} calls that refills with one call per {@code every} (a generic cell rate
 * algorithm), per channel for {@code chat.postMessage} ("1 per second per channel, short bursts allowed") and per
 * workspace for the tiered methods. A call takes the next free slot at once and waits until it comes.
 *
 * <p>The rates are a little below Slack's so that a call sent on time is not refused because it crossed the network
 * faster than the one before it. Thread-safe.
 */
public final class RequestPacer {
    /** One method's pace: {@code burst} calls at once, then one every {@code every}; per channel or per workspace. */
    public record Rate(int burst, Duration every, boolean perChannel) {
        public Rate {
            Objects.requireNonNull(every, "every");
            if (burst < 1 || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("a rate needs burst >= 1 and a positive interval");
            }
        }
    }

    /**
     * Slack's published limits (chat.postMessage: special tier, about 1 per second per channel; chat.update: Tier 3,
     * 50+ per minute; chat.postEphemeral, views.publish: Tier 4, 100+ per minute), with a margin.
     */
    public static Map<String, Rate> slackTiers() {
        return Map.of(
                "chat.postMessage", new Rate(3, Duration.ofMillis(1_100), true),
                "chat.update", new Rate(20, Duration.ofMillis(1_250), false),
                "chat.postEphemeral", new Rate(20, Duration.ofMillis(650), false),
                "views.publish", new Rate(20, Duration.ofMillis(650), false));
    }

    private final Map<String, Rate> rates;
    private final LongSupplier nanoTime;
    /** The theoretical arrival time of the next call, per bucket key. */
    private final Map<String, Long> nextNanos = new HashMap<>();

    public RequestPacer(Map<String, Rate> rates) {
        this(rates, System::nanoTime);
    }

    RequestPacer(Map<String, Rate> rates, LongSupplier nanoTime) {
        this.rates = Map.copyOf(rates);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** No pacing at all (for tests of other behaviour). */
    public static RequestPacer unpaced() {
        return new RequestPacer(Map.of());
    }

    /** Takes the next slot of {@code method} (in {@code channelId}); returns how long to wait before sending. */
    public synchronized Duration reserve(String method, String channelId) {
        Rate rate = rates.get(method);
        if (rate == null) {
            return Duration.ZERO;
        }
        String key = rate.perChannel() && channelId != null ? method + " " + channelId : method;
        long now = nanoTime.getAsLong();
        long interval = rate.every().toNanos();
        long next = nextNanos.getOrDefault(key, now);
        if (next - now < 0) {
            next = now;
        }
        long allowedAt = next - (rate.burst() - 1) * interval;
        nextNanos.put(key, next + interval);
        long wait = allowedAt - now;
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }
}
