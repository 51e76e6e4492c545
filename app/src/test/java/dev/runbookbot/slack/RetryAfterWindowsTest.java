package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryAfterWindowsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RetryAfterWindows windows = new RetryAfterWindows(now::get);

    @Test
    void aWindowHoldsItsKeyOnlyUntilItEnds() {
        String key = RetryAfterWindows.key("chat.postMessage", "C1");
        windows.block(key, Duration.ofSeconds(3));

        assertEquals(Duration.ofSeconds(3), windows.remaining(key));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Duration.ofSeconds(1), windows.remaining(key));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Duration.ZERO, windows.remaining(key));
    }

    @Test
    void windowsArePerMethodAndChannel() {
        windows.block(RetryAfterWindows.key("chat.postMessage", "C1"), Duration.ofSeconds(5));

        assertEquals(Duration.ZERO, windows.remaining(RetryAfterWindows.key("chat.postMessage", "C2")));
        assertEquals(Duration.ZERO, windows.remaining(RetryAfterWindows.key("chat.update", "C1")));
        assertEquals("views.publish", RetryAfterWindows.key("views.publish", null));
    }

    @Test
    void aShorterLaterWindowDoesNotShortenALongerOne() {
        String key = RetryAfterWindows.key("chat.update", "C1");
        windows.block(key, Duration.ofSeconds(10));
        windows.block(key, Duration.ofSeconds(1));

        assertEquals(Duration.ofSeconds(10), windows.remaining(key));
    }
}
