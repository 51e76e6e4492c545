package dev.runbookbot.alert.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final FreshnessCheck check = new FreshnessCheck(Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsEventsInsideTheWindowIncludingItsEdge() {
        assertEquals(Optional.empty(), check.refusal(NOW));
        assertEquals(Optional.empty(), check.refusal(NOW.minusSeconds(599)));
        assertEquals(Optional.empty(), check.refusal(NOW.minus(Duration.ofMinutes(10))));
    }

    @Test
    void refusesOlderEventsSayingHowOld() {
        assertEquals(
                Optional.of("event.occurred_at 2026-11-23T11:49:59Z is 601s old; events older than 600s are refused as"
                        + " possible replays"),
                check.refusal(NOW.minusSeconds(601)));
    }

    @Test
    void acceptsEventsFromTheFutureBecauseOnlyAClockCanBeWrongThere() {
        assertEquals(Optional.empty(), check.refusal(NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void theDefaultOutlastsPagerDutysRetries() {
        // PagerDuty retries for about 20 minutes; a shorter window would refuse its own retries.
        assertEquals(Duration.ofMinutes(30), FreshnessCheck.DEFAULT_WINDOW);
    }

    @Test
    void aWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FreshnessCheck(Duration.ZERO, Clock.systemUTC()));
        assertThrows(
                IllegalArgumentException.class, () -> new FreshnessCheck(Duration.ofSeconds(-1), Clock.systemUTC()));
    }
}
