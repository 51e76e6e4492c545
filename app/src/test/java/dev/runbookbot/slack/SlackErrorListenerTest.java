package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The metrics label of a failed Web API call comes from a small set, whatever Slack's answer held. */
class SlackErrorListenerTest {
    @Test
    void eachKindOfFailureHasItsCode() {
        assertEquals("ok", SlackErrorListener.code(new SlackResult.Ok<>("x")));
        assertEquals(
                "channel_not_found",
                SlackErrorListener.code(
                        new SlackResult.ChannelUnavailable<>("chat.postMessage", "C1", "channel_not_found")));
        assertEquals("ratelimited", code(SlackFailureKind.RATE_LIMITED, "HTTP 429 on all 3 attempts"));
        assertEquals("missing_scope", code(SlackFailureKind.SLACK_ERROR, "missing_scope (needed: chat:write)"));
        assertEquals("invalid_blocks", code(SlackFailureKind.INVALID_BLOCKS, "invalid_blocks: bad block"));
        assertEquals("http_503", code(SlackFailureKind.HTTP_ERROR, "HTTP 503"));
        assertEquals("io_error", code(SlackFailureKind.IO_ERROR, "Connection refused"));
        assertEquals("interrupted", code(SlackFailureKind.INTERRUPTED, "interrupted while rate limited"));
        assertEquals("refused", code(SlackFailureKind.REFUSED, "not a URL"));
    }

    @Test
    void anOddAnswerCannotMakeANewSeries() {
        assertEquals("other", code(SlackFailureKind.SLACK_ERROR, "<html>502 Bad Gateway</html>"));
        assertEquals("http_other", code(SlackFailureKind.HTTP_ERROR, "no status"));
    }

    private static String code(SlackFailureKind kind, String detail) {
        return SlackErrorListener.code(new SlackResult.Failed<>("chat.update", kind, detail));
    }
}
