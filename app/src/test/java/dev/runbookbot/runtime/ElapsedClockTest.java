package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ElapsedClockTest {
    private final ManualClock wall = ManualClock.at("2026-12-05T10:00:00Z");

    @Test
    void itStartsAtTheWallClockAndMovesOnlyWithElapsedTime() {
        ElapsedClock clock = new ElapsedClock(wall, wall.ticker());

        wall.advance(Duration.ofSeconds(45));
        wall.step(Duration.ofHours(1));

        assertEquals(Instant.parse("2026-12-05T10:00:45Z"), clock.instant());
        assertEquals(Duration.ofHours(1), clock.offsetFrom(wall));
        wall.step(Duration.ofHours(-2));
        assertEquals(Instant.parse("2026-12-05T10:00:45Z"), clock.instant());
        assertEquals(Duration.ofHours(-1), clock.offsetFrom(wall));
    }
}
