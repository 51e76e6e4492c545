package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void parsesSecondsAndUnits() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), DurationText.parse("10"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), DurationText.parse("1.5"));
        assertEquals(Optional.of(Duration.ofSeconds(-5)), DurationText.parse("-5"));
        assertEquals(Optional.of(Duration.ofMillis(250)), DurationText.parse("250ms"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), DurationText.parse("2m"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationText.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), DurationText.parse(" 1m30s "));
    }

    @Test
    void refusesAnythingElse() {
        assertEquals(Optional.empty(), DurationText.parse("ten seconds"));
        assertEquals(Optional.empty(), DurationText.parse("10 s"));
        assertEquals(Optional.empty(), DurationText.parse("1d"));
        assertEquals(Optional.empty(), DurationText.parse(""));
        assertEquals(Optional.empty(), DurationText.parse("m"));
    }

    @Test
    void formatsShortly() {
        assertEquals("0s", DurationText.format(Duration.ZERO));
        assertEquals("30s", DurationText.format(Duration.ofSeconds(30)));
        assertEquals("10m", DurationText.format(Duration.ofMinutes(10)));
        assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("1h0m5s".replace("0m", ""), DurationText.format(Duration.ofSeconds(3605)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("-5s", DurationText.format(Duration.ofSeconds(-5)));
    }
}
