package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.slack.PostedMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters never reach Slack, seen from outside: a run whose input carries a NUL byte, an ANSI colour
 * sequence, a bell and a right-to-left override, or direction marks, isolates and zero-width characters, is posted with
 * all of them removed from every message and version the fake Slack receives.
 */
class HostileTextIT {
    private static final String HOSTILE = "\u001B[1;31meu\u001B[0m\u0000-west\u0007 \u202Eevil";

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void nulAnsiBellAndBidiOverridesAreStrippedFromEveryTextSentToSlack() {
        t.command("run payments-slow region=\"" + HOSTILE + "\"", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart = t.awaitInThread(
                parent, m -> m.buttonActionIds().containsAll(List.of("approve", "reject")), "the restart");

        assertTrue(restart.allText().contains("region=eu-west evil"), restart.allText());
        // the thread's one reply shows the restart and then the manual step too
        t.awaitInThread(parent, m -> m.buttonActionIds().contains("done"), "the manual step");
        for (PostedMessage message : t.slack.messages(BotUnderTest.CHANNEL)) {
            for (PostedMessage version : t.slack.versions(message.ts())) {
                String sent = version.text() + "\n" + version.allText();
                for (String control : List.of("\u0000", "\u001B", "\u0007", "\u202E")) {
                    assertFalse(sent.contains(control), "a control character reached Slack: " + sent);
                }
            }
        }
    }

    @Test
    void directionMarksIsolatesAndZeroWidthCharactersNeverReachSlack() {
        String invisible = "\u200Eeu\u200F-\u061Cwe\u200Bst\u2066\u2069\u200D\uFEFF\u2060";
        t.command("run payments-slow region=\"" + invisible + "\"", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart = t.awaitInThread(
                parent, m -> m.buttonActionIds().containsAll(List.of("approve", "reject")), "the restart");

        assertTrue(restart.allText().contains("region=eu-west"), restart.allText());
        for (PostedMessage message : t.slack.messages(BotUnderTest.CHANNEL)) {
            for (PostedMessage version : t.slack.versions(message.ts())) {
                String sent = version.text() + "\n" + version.allText();
                for (String hidden :
                        List.of("\u200E", "\u200F", "\u061C", "\u2066", "\u2069", "\u200D", "\uFEFF", "\u2060")) {
                    assertFalse(sent.contains(hidden), "an invisible character reached Slack: " + sent);
                }
            }
        }
    }
}
