package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrkdwnTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "<!channel> db is down => &lt;!channel&gt; db is down",
                "<!here> => &lt;!here&gt;",
                "<!subteam^S0123|@oncall> => &lt;!subteam^S0123|@oncall&gt;",
                "ping <@U0123ABC> => ping &lt;@U0123ABC&gt;",
                "<https://evil.example|Grafana> => &lt;https://evil.example|Grafana&gt;",
                "a & b > c < d => a &amp; b &gt; c &lt; d",
                "already &amp; escaped => already &amp;amp; escaped",
                "*bold* _it_ ~x~ `code` => *bold* _it_ ~x~ `code`",
            })
    void escapesEverythingThatIsLiveInMrkdwn(String hostile, String expected) {
        assertEquals(expected.strip(), Mrkdwn.escape(hostile.strip()));
    }

    @Test
    void nullAndEmptyAreEmpty() {
        assertEquals("", Mrkdwn.escape(null));
        assertEquals("", Mrkdwn.escape(""));
    }

    @Test
    void aCodeBlockCannotBeClosedFromInside() {
        String block = Mrkdwn.codeBlock("out\n```\n<!channel> escaped\n```");

        assertEquals("```\nout\n`\u200b``\n&lt;!channel&gt; escaped\n`\u200b``\n```", block);
    }

    @Test
    void inlineCodeStaysOnOneLineAndCannotBeClosed() {
        assertEquals("`a \u02cbb\u02cb c &lt;!here&gt;`", Mrkdwn.inlineCode("a `b`\nc <!here>"));
    }

    @Test
    void mentionsAcceptOnlyIds() {
        assertEquals("<@U0123ABC>", Mrkdwn.user("U0123ABC"));
        assertEquals("<@W0123ABC>", Mrkdwn.user("W0123ABC"));
        assertEquals("<#C0123ABC>", Mrkdwn.channel("C0123ABC"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mrkdwn.user("!channel"));
        assertEquals("not a Slack user id: !channel", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mrkdwn.user("U1>|<!channel"));
        assertThrows(IllegalArgumentException.class, () -> Mrkdwn.channel("here"));
    }

    @Test
    void linksEscapeTheLabelAndCannotBeEndedByTheUrl() {
        String link = Mrkdwn.link(URI.create("https://grafana.example/d/x?a=1&b=%3E"), "p99 > 2s <!here>");

        assertEquals("<https://grafana.example/d/x?a=1&amp;b=%3E|p99 &gt; 2s &lt;!here&gt;>", link);
        assertFalse(link.contains("<!here>"));
    }

    @Test
    void linksRefuseOtherSchemes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Mrkdwn.link(URI.create("javascript:alert(1)"), "x"));
        assertEquals("only http(s) links are allowed, got scheme 'javascript'", e.getMessage());
    }
}
