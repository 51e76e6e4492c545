package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestPacer pacer = new RequestPacer(
            Map.of(
                    "chat.postMessage", new RequestPacer.Rate(3, Duration.ofSeconds(1), true),
                    "chat.update", new RequestPacer.Rate(2, Duration.ofMillis(500), false)),
            now::get);

    @Test
    void aBurstGoesAtOnceThenOneCallPerIntervalPerChannel() {
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ofSeconds(1), pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ofSeconds(2), pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C2"), "another channel has its own bucket");
    }

    @Test
    void theBucketRefillsAsTimePasses() {
        for (int i = 0; i < 4; i++) {
            pacer.reserve("chat.postMessage", "C1");
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.postMessage", "C1"));
        assertEquals(Duration.ofSeconds(1), pacer.reserve("chat.postMessage", "C1"));
    }

    @Test
    void aWorkspaceWideMethodSharesOneBucketAcrossChannelsAndOthersAreNotPaced() {
        assertEquals(Duration.ZERO, pacer.reserve("chat.update", "C1"));
        assertEquals(Duration.ZERO, pacer.reserve("chat.update", "C2"));
        assertEquals(Duration.ofMillis(500), pacer.reserve("chat.update", "C3"));
        for (int i = 0; i < 100; i++) {
            assertEquals(Duration.ZERO, pacer.reserve("conversations.info", "C1"));
        }
    }
}
