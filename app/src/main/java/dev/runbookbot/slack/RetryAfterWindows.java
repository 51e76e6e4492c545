package dev.runbookbot.slack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@code Retry-After} windows Slack has announced, per key (a method, or a method and a channel): no call for a key
 * may start before its window ends. Windows only grow; an expired window is dropped when it is next looked at.
 * Thread-safe.
 */
final class RetryAfterWindows {
    private final Map<String, Long> endNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RetryAfterWindows(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    static String key(String method, String channelId) {
        return channelId == null || channelId.isEmpty() ? method : method + " " + channelId;
    }

    /** Records that Slack asked for no calls for {@code key} during {@code wait} from now. */
    void block(String key, Duration wait) {
        long end = nanoTime.getAsLong() + wait.toNanos();
        endNanos.merge(key, end, (a, b) -> a - b > 0 ? a : b);
    }

    /** How long a call for {@code key} must still wait; zero when it may go now. */
    Duration remaining(String key) {
        Long end = endNanos.get(key);
        if (end == null) {
            return Duration.ZERO;
        }
        long left = end - nanoTime.getAsLong();
        if (left <= 0) {
            endNanos.remove(key, end);
            return Duration.ZERO;
        }
        return Duration.ofNanos(left);
    }
}
