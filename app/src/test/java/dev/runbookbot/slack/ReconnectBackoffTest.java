package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final AtomicReference<Double> random = new AtomicReference<>(0.5);
    private final ReconnectBackoff backoff = new ReconnectBackoff(random::get);

    @Test
    void theWaitDoublesFromTwoSecondsUpToAMinute() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.afterFailure(Optional.empty()).toSeconds());
        }
        assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
    }

    @Test
    void jitterSpreadsEachWaitByAQuarterEitherWay() {
        random.set(0.0);
        assertEquals(Duration.ofMillis(1_500), backoff.afterFailure(Optional.empty()));
        random.set(0.999_999);
        assertEquals(Duration.ofMillis(5_000), backoff.afterFailure(Optional.empty()));
    }

    @Test
    void retryAfterIsHonouredWhenItAsksForLonger() {
        assertEquals(Duration.ofSeconds(30), backoff.afterFailure(Optional.of(Duration.ofSeconds(30))));
        assertEquals(
                Duration.ofSeconds(4),
                backoff.afterFailure(Optional.of(Duration.ofSeconds(1))),
                "the backoff is longer");
    }

    @Test
    void aLongStormSettlesAtAboutOneAttemptAMinuteAndASuccessStartsAgain() {
        Duration total = Duration.ZERO;
        int attempts = 0;
        for (double r = 0.0; total.compareTo(Duration.ofHours(1)) < 0; r = (r + 0.37) % 1.0) {
            random.set(r);
            total = total.plus(backoff.afterFailure(Optional.of(Duration.ofSeconds(10))));
            attempts++;
        }
        assertTrue(attempts <= 66, "attempts in an hour of 429s: " + attempts);
        backoff.reset();
        random.set(0.5);
        assertEquals(Duration.ofSeconds(2), backoff.afterFailure(Optional.empty()));
    }
}
