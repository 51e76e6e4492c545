package dev.runbookbot.expr.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The source-level pieces under the CEL language: literal masks, edits with offset maps, unit literals. */
class SourceTextTest {
    @Test
    void theMaskCoversEveryKindOfLiteralAndComments() {
        String text = "a == 'x' && b == \"y\" && c == r'\\' && d == '''p\nq''' // e === f";
        LiteralMask mask = LiteralMask.of(text);

        assertFalse(mask.isData(text.indexOf("a ==")));
        assertTrue(mask.isData(text.indexOf('x')));
        assertTrue(mask.isData(text.indexOf('y')));
        assertTrue(mask.isData(text.indexOf('\\')));
        assertFalse(mask.isData(text.indexOf("d ==")), "a raw string ends at its quote, a backslash does not escape");
        assertTrue(mask.isData(text.indexOf('q')), "triple quotes span lines");
        assertTrue(mask.isData(text.indexOf("e ===")));
    }

    @Test
    void anEscapedQuoteDoesNotEndALiteral() {
        String text = "s == 'it\\'s' && t";
        LiteralMask mask = LiteralMask.of(text);
        assertTrue(mask.isData(text.indexOf("s'")));
        assertFalse(mask.isData(text.indexOf('t', text.indexOf("&&"))));
    }

    @Test
    void editsKeepAMapBackToTheOriginal() {
        EditedText original = EditedText.of("a === b && c");
        EditedText once = original.edit(List.of(new Edit(2, 5, "==")));
        assertEquals("a == b && c", once.text());
        assertEquals(11, once.originalOffset(once.text().indexOf('c')));
        assertEquals(2, once.originalOffset(2));

        EditedText twice = once.edit(List.of(new Edit(0, 1, "alpha"), new Edit(10, 11, "c.status")));
        assertEquals("alpha == b && c.status", twice.text());
        assertEquals(11, twice.originalOffset(twice.text().indexOf('c')));
        assertEquals(6, twice.originalOffset(twice.text().indexOf('b')));
        assertEquals("a === b && c", twice.original());

        assertThrows(
                IllegalArgumentException.class, () -> original.edit(List.of(new Edit(0, 3, "x"), new Edit(2, 4, "y"))));
    }

    @Test
    void unitLiteralsBecomeMilliseconds() {
        List<UnitLiterals.UnitLiteral> found =
                UnitLiterals.find("a > 1000ms || b > 2s || c > 1.5m || d > 1h || e == '5m' || f_5m || 2 > 1");
        assertEquals(
                List.of("1000ms=1000", "2s=2000", "1.5m=90000", "1h=3600000"),
                found.stream().map(u -> u.written() + "=" + u.milliseconds()).toList());
    }

    @Test
    void exactLongDoubleComparison() {
        assertEquals(0, NanSafeComparisons.compare(3, 3.0));
        assertEquals(-1, NanSafeComparisons.compare(2, 2.5));
        assertEquals(1, NanSafeComparisons.compare(-2, -2.5));
        assertEquals(1, NanSafeComparisons.compare(9_007_199_254_740_993L, 9_007_199_254_740_992.0));
        assertEquals(-1, NanSafeComparisons.compare(Long.MAX_VALUE, 0x1p63));
        assertEquals(1, NanSafeComparisons.compare(Long.MIN_VALUE, -0x1p64));
        assertEquals(0, NanSafeComparisons.compare(Long.MIN_VALUE, -0x1p63));
    }

    @Test
    void closestNamesPutSharedWordsAndSmallEditsFirst() {
        assertEquals(
                List.of("slowest_latency_ms", "all_healthy"),
                ClosestNames.byCloseness("slow", List.of("all_healthy", "slowest_latency_ms")));
        assertEquals(
                "value",
                ClosestNames.suggestion("valeu", List.of("value", "count")).orElseThrow());
        assertTrue(ClosestNames.suggestion("banana", List.of("value", "count")).isEmpty());
    }
}
