package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Dns1123Test {
    @Test
    void bidiControlsAndZeroWidthCharactersInAQuotedNameAreShownAsEscapes() {
        // "payments" with an override that would show "stnemyap", a direction mark, a zero-width space and an isolate
        assertEquals(
                "\"pay\\u202ements\\u200f-\\u200bprod\\u2066\\u061c\"",
                Dns1123.quote("pay\u202Ements\u200F-\u200Bprod\u2066\u061C"));
        assertEquals("\"a\\u2060b\\ufeffc\\U000e0041\"", Dns1123.quote("a\u2060b\uFEFFc\uDB40\uDC41"));
    }

    @Test
    void quotesAndControlCharactersAreEscapedAndLongNamesCut() {
        assertEquals("\"a\\\"b\\\\c\\u000ad\"", Dns1123.quote("a\"b\\c\nd"));
        assertEquals("\"" + "x".repeat(80) + "…\"", Dns1123.quote("x".repeat(81)));
    }
}
