package dev.runbookbot.expr.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code now} in conditions is a host variable of CEL type {@code timestamp} (CEL's own advice, and protovalidate's):
 * durations and timestamps compare and subtract as CEL defines them, a fact in Unix seconds becomes a time with
 * {@code timestamp(int(value))}, and misuse is a type error at lint time.
 */
class ConditionNowTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final ConditionScope SCOPE =
            new ConditionScope(Map.of("value", ValueType.DOUBLE, "now", ValueType.TIMESTAMP));

    private final CelConditionLanguage cel = new CelConditionLanguage();

    private boolean holds(String source, double value) throws ConditionException {
        return cel.compile(source, SCOPE).evaluate(Map.of("value", value, "now", NOW));
    }

    @Test
    void ageOfAUnixSecondsFactComparesWithADuration() throws ConditionException {
        double twoHoursAgo = NOW.minusSeconds(7200).getEpochSecond();
        assertTrue(holds("now - timestamp(int(value)) > duration('1h')", twoHoursAgo));
        assertFalse(holds("now - timestamp(int(value)) > duration('3h')", twoHoursAgo));
        assertTrue(holds("timestamp(int(value)) + duration('90m') < now", twoHoursAgo));
    }

    @Test
    void timestampsCompareAndReadInATimeZone() throws ConditionException {
        assertTrue(holds("now > timestamp('2026-01-01T00:00:00Z')", 0));
        assertTrue(holds("now.getHours('Europe/Paris') == 10 && now.getDayOfWeek() == 0", 0));
        assertEquals(true, holds("int(now) == 1772357400", 0));
    }

    @Test
    void misuseIsATypeErrorAtCompileTime() {
        ConditionException e = assertThrows(ConditionException.class, () -> cel.compile("now > value", SCOPE));
        assertTrue(e.getMessage().contains("'>' cannot compare"), e.getMessage());
    }

    @Test
    void aConditionReadingNowWithoutARunMomentIsAnEvaluationErrorNotACrash() throws ConditionException {
        Condition condition = cel.compile("now > timestamp('2020-01-01T00:00:00Z')", SCOPE);
        ConditionException e = assertThrows(ConditionException.class, () -> condition.evaluate(Map.of("value", 1.0)));
        assertTrue(e.getMessage().startsWith("no value for variable 'now'"), e.getMessage());
        assertThrows(ConditionException.class, () -> condition.evaluate(Map.of("now", "yesterday")));
    }
}
