package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedEventFilterTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final RepeatedEventFilter filter = new RepeatedEventFilter(new ObjectMapper(), now::get);

    @Test
    void anEventIdPassesOnceWithinTheWindowAndAgainAfterIt() {
        assertTrue(filter.firstTime("Ev1"));
        assertFalse(filter.firstTime("Ev1"));
        assertTrue(filter.firstTime("Ev2"));

        now.addAndGet(RepeatedEventFilter.REMEMBERED.toNanos() - 1);
        assertFalse(filter.firstTime("Ev1"), "still remembered just before the window ends");
        now.addAndGet(Duration.ofNanos(1).toNanos());
        assertTrue(filter.firstTime("Ev1"), "forgotten once the window has passed");
    }

    @Test
    void theMemoryIsBoundedOldestForgottenFirst() {
        for (int i = 0; i <= RepeatedEventFilter.MAX_REMEMBERED; i++) {
            assertTrue(filter.firstTime("Ev" + i));
        }
        assertTrue(filter.firstTime("Ev0"), "the oldest id made room for the newest");
        assertFalse(filter.firstTime("Ev" + RepeatedEventFilter.MAX_REMEMBERED));
    }
}
