package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
    @Test
    void ansiColoursCursorMovesAndOscTitlesGoWhole() {
        assertEquals(
                "ERROR disk full done",
                ControlCharacters.strip("\u001B[1;31mERROR\u001B[0m disk full\u001B[2K \u001B]0;title\u0007done"));
        assertEquals("ab", ControlCharacters.strip("a\u001B]8;;http://evil.example\u001B\\b"));
        assertEquals("xy", ControlCharacters.strip("x\u001B(By"));
        assertEquals("xy", ControlCharacters.strip("x\u009B31my"));
    }

    @Test
    void nulBellBackspaceDelAndC1AreRemovedLineFeedsAndTabsKept() {
        assertEquals("a b\nc\td", ControlCharacters.strip("a\u0000 b\r\nc\t\u0007\u0008\u007F\u0085d"));
    }

    @Test
    void bidirectionalOverridesCannotTurnTextAround() {
        assertEquals("invoice_fdp.exe", ControlCharacters.strip("invoice_\u202Efdp.exe"));
        assertEquals("ab", ControlCharacters.strip("a\u2066\u2069b"));
    }

    @Test
    void directionMarksZeroWidthAndOtherInvisibleCharactersAreRemoved() {
        // U+200E/U+200F/U+061C marks, U+200B-U+200D, U+2060, U+FEFF, a tag character beyond the BMP
        assertEquals(
                "payments-prod",
                ControlCharacters.strip("\u200Epay\u200Fme\u061Cnts\u200B-\u200C\u200Dp\u2060r\uFEFFo\uDB40\uDC41d"));
        assertEquals("a b", ControlCharacters.strip("a\u202A\u202B\u202C\u202D \u2067\u2068b"));
    }

    @Test
    void mrkdwnTheBotAssembledKeepsItsCodeBreaksButLosesEveryOtherInvisibleCharacter() {
        assertEquals("`\u200B``x", ControlCharacters.stripMrkdwn("`\u200B``\u202Ex\u200F"));
        String block = Mrkdwn.codeBlock("out\n`\u200B``\nmore");
        assertEquals("```\nout\n`\u200B``\nmore\n```", block);
        SlackMessage message = MessageBuilder.message("runbookctl incidents")
                .codeSection("x\u200B```y")
                .build("fallback");
        assertEquals(
                true,
                message.blocks().toString().contains("x`\u200B``y"),
                message.blocks().toString());
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String clean = "p99 *1.2 s* on `pay-1` :red_circle: — naïve 日本 👍";
        assertSame(clean, ControlCharacters.strip(clean));
    }

    @Test
    void everySlackTextPassesHere() {
        assertEquals("&lt;b&gt;red", Mrkdwn.escape("\u001B[31m<b>\u0000red"));
        SlackMessage message = MessageBuilder.message("runbookctl incidents")
                .header("title\u0000")
                .mrkdwnSection("*bold* \u001B[0m")
                .context("ctx\u0007")
                .build("fallback\u001B[1m");
        assertEquals("fallback", message.text());
        String blocks = message.blocks().toString();
        assertEquals(
                false, blocks.contains("\u0000") || blocks.contains("\u001B") || blocks.contains("\u0007"), blocks);
    }
}
