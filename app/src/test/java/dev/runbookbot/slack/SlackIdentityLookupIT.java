package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.Identity;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the two tokens are needed: the workspace comes from {@code auth.test}, the app from {@code bots.info}, both
 * answered by the fake Slack as Slack documents them; {@code SLACK_TEAM_ID} and {@code SLACK_APP_ID} are pins.
 */
class SlackIdentityLookupIT {
    /** Not the fixtures' T111/A111, so nothing can pass by a default. */
    private static final Identity ACME = new Identity("T0ACME0001", "acme", null, "A0ACME0001");

    private FakeSlack slack;

    @BeforeEach
    void start() {
        slack = FakeSlack.start(ACME);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void theTeamAndTheAppAreLearntFromSlack() {
        SlackIdentity identity = identify(credentials(slack.apiUrl(), Optional.empty(), Optional.empty()));

        assertEquals(new SlackIdentity("T0ACME0001", "A0ACME0001", slack.botUserId(), "B0BOT00001"), identity);
        assertEquals(1, slack.calls("auth.test").size());
        assertEquals("B0BOT00001", slack.calls("bots.info").get(0).param("bot"));
        assertEquals("bot", slack.calls("bots.info").get(0).tokenKind());
    }

    @Test
    void pinsThatAgreeWithSlackAreKept() {
        SlackSettings settings;
        try (SlackTransport transport = new SlackTransport(slack.apiUrl(), Duration.ofSeconds(5))) {
            settings = new SlackIdentityLookup(transport)
                    .resolve(credentials(slack.apiUrl(), Optional.of("T0ACME0001"), Optional.of("A0ACME0001")));
        }

        assertEquals("T0ACME0001", settings.expectedTeamId());
        assertEquals("A0ACME0001", settings.expectedApiAppId());
    }

    @Test
    void aTeamPinThatDisagreesStopsTheStart() {
        SlackStartupException e = assertThrows(
                SlackStartupException.class,
                () -> identify(credentials(slack.apiUrl(), Optional.of("T222"), Optional.empty())));

        assertEquals(
                "SLACK_BOT_TOKEN belongs to Slack team T0ACME0001, but runbook-bot is configured for team T222.\n"
                        + SlackStartupException.HOW_TO_FIX,
                e.getMessage());
    }

    @Test
    void anAppPinThatDisagreesStopsTheStart() {
        SlackStartupException e = assertThrows(
                SlackStartupException.class,
                () -> identify(credentials(slack.apiUrl(), Optional.empty(), Optional.of("A999"))));

        assertEquals(
                "SLACK_BOT_TOKEN belongs to Slack app A0ACME0001, but SLACK_APP_ID is A999. Unset SLACK_APP_ID to use"
                        + " the app of the token, or use the tokens of app A999.\n"
                        + SlackStartupException.WITHOUT_SLACK,
                e.getMessage());
    }

    @Test
    void anHttp404SaysTheUrlIsWrongNotTheToken() {
        URI wrong = slack.apiUrl().resolve("/slack/api/");

        SlackStartupException e = assertThrows(
                SlackStartupException.class, () -> identify(credentials(wrong, Optional.empty(), Optional.empty())));

        assertEquals(
                "Slack's Web API is not at " + wrong + ": auth.test answered HTTP 404, so the URL is wrong. Fix"
                        + " SLACK_API_URL (Slack's own is https://slack.com/api/, GovSlack's https://slack-gov.com/api/)"
                        + " or unset it.\n" + SlackStartupException.WITHOUT_SLACK,
                e.getMessage());
        assertTrue(!e.getMessage().contains("rejected"), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsReportedWithTheUrlBeforeAnyCall() {
        URI nowhere = URI.create("http://127.0.0.1:9/api/");

        SlackStartupException e = assertThrows(
                SlackStartupException.class, () -> identify(credentials(nowhere, Optional.empty(), Optional.empty())));

        assertTrue(
                e.getMessage()
                        .startsWith("Slack's Web API at http://127.0.0.1:9/api/ could not be reached (connecting to"
                                + " 127.0.0.1 port 9 failed: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(SlackStartupException.WITHOUT_SLACK), e.getMessage());
        assertTrue(!e.getMessage().contains("Create New App"), "no app to create when the network is at fault");
    }

    private SlackCredentials credentials(URI url, Optional<String> team, Optional<String> app) {
        return new SlackCredentials(
                new Secret("SLACK_BOT_TOKEN", slack.botToken()),
                new Secret("SLACK_APP_TOKEN", slack.appToken()),
                url,
                team,
                app,
                Duration.ofSeconds(5));
    }

    private static SlackIdentity identify(SlackCredentials credentials) {
        try (SlackTransport transport = new SlackTransport(credentials.apiBaseUrl(), Duration.ofSeconds(5))) {
            return new SlackIdentityLookup(transport).identify(credentials);
        }
    }
}
