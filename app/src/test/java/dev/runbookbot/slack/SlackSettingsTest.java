package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.secrets.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
    private static final Secret BOT = new Secret("SLACK_BOT_TOKEN", "xoxb-1");
    private static final Secret APP = new Secret("SLACK_APP_TOKEN", "xapp-1");

    @Test
    void defaultsToSlacksOwnApi() {
        SlackSettings s = SlackSettings.of(BOT, APP, "T1", "A1");

        assertEquals(URI.create("https://slack.com/api/"), s.apiBaseUrl());
        assertEquals(Duration.ofSeconds(10), s.httpCallTimeout());
    }

    @Test
    void aGovSlackUrlGetsItsTrailingSlash() {
        SlackSettings s =
                SlackSettings.of(BOT, APP, "T1", "A1").withApiBaseUrl(URI.create("https://slack-gov.com/api"));

        assertEquals(URI.create("https://slack-gov.com/api/"), s.apiBaseUrl());
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SlackSettings.of(BOT, APP, "T1", "A1")
                        .withApiBaseUrl(URI.create("ftp://slack.com/api/")));
        assertEquals(
                "Slack API base URL must be an http(s) URL such as https://slack.com/api/, got ftp://slack.com/api/",
                e.getMessage());
    }

    @Test
    void blankExpectedIdsAreRefusedBecauseTheyWouldMatchPayloadsWithoutIds() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SlackSettings.of(BOT, APP, "T1", " "));
        assertEquals(
                "the expected Slack team id (T...) and app id (A...) must not be blank: every payload is checked"
                        + " against them",
                e.getMessage());
    }

    @Test
    void tokensNeverPrint() {
        String printed = SlackSettings.of(new Secret("SLACK_BOT_TOKEN", "xoxb-very-secret"), APP, "T1", "A1")
                .toString();

        assertEquals(-1, printed.indexOf("very-secret"), printed);
    }
}
