package dev.runbookbot.slack.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void spacesSeparateWordsAndQuotesGroupThem() {
        assertEquals(
                List.of("run", "payments-slow", "reason=db is down", "region=eu"),
                CommandWords.split("  run payments-slow reason=\"db is down\"   region=eu "));
        assertEquals(List.of("k=a b"), CommandWords.split("k='a b'"));
        assertEquals(List.of("a b c"), CommandWords.split("\"a b c\""));
    }

    @Test
    void typographicQuotesThatSlackClientsSubstituteWorkLikePlainOnes() {
        assertEquals(List.of("k=a b", "j=c d"), CommandWords.split("k=\u201ca b\u201d j=\u2018c d\u2019"));
    }

    @Test
    void backslashEscapesAQuoteInsideDoubleQuotes() {
        assertEquals(List.of("k=say \"hi\" \\ there"), CommandWords.split("k=\"say \\\"hi\\\" \\\\ there\""));
    }

    @Test
    void anApostropheInsideAWordIsJustACharacter() {
        assertEquals(List.of("reason=it's", "down"), CommandWords.split("reason=it's down"));
    }

    @Test
    void slacksHtmlEntitiesAreReadBackAsTheTypedCharacters() {
        assertEquals(List.of("q=a<b&c>d"), CommandWords.split("q=a&lt;b&amp;c&gt;d"));
    }

    @Test
    void anUnclosedQuoteSaysWhereItOpened() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CommandWords.split("run x k=\"a b"));
        assertEquals(
                "the quote opened at character 9 is not closed; put a value with spaces in a pair of quotes:"
                        + " key=\"a b\"",
                e.getMessage());
    }

    @Test
    void nothingIsNoWords() {
        assertEquals(List.of(), CommandWords.split("   "));
    }
}
