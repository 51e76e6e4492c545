package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.slack.FakeSlack;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens that look right but that Slack (the fake) rejects: the error names the variable and Slack's answer. */
class SlackStartupIT {
    private FakeSlack slack;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void aRevokedBotTokenIsReportedWithSlacksError() {
        SlackStartupException e = startWith("xoxb-1-2-revoked", slack.appToken(), "T111");

        assertEquals(
                "SLACK_BOT_TOKEN was rejected by Slack (auth.test answered invalid_auth).\n"
                        + SlackStartupException.HOW_TO_FIX,
                e.getMessage());
        assertEquals(0, slack.calls("apps.connections.open").size());
    }

    @Test
    void aRevokedAppTokenIsReportedWithSlacksError() {
        SlackStartupException e = startWith(slack.botToken(), "xapp-1-A111-9-revoked", "T111");

        assertEquals(
                "SLACK_APP_TOKEN was rejected by Slack (apps.connections.open answered invalid_auth).\n"
                        + SlackStartupException.HOW_TO_FIX,
                e.getMessage());
        assertTrue(slack.connections().isEmpty());
    }

    @Test
    void aBotTokenOfAnotherWorkspaceIsRefused() {
        SlackStartupException e = startWith(slack.botToken(), slack.appToken(), "T222");

        assertEquals(
                "SLACK_BOT_TOKEN belongs to Slack team T111, but runbook-bot is configured for team T222.\n"
                        + SlackStartupException.HOW_TO_FIX,
                e.getMessage());
    }

    private SlackStartupException startWith(String bot, String app, String team) {
        SlackSettings settings = new SlackSettings(
                new Secret("SLACK_BOT_TOKEN", bot),
                new Secret("SLACK_APP_TOKEN", app),
                slack.apiUrl(),
                team,
                "A111",
                Duration.ofSeconds(5));
        ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
        try (SlackTransport transport = new SlackTransport(settings);
                SlackConnection connection = new SlackConnection(
                        settings,
                        transport,
                        new SlackWebApi(transport, settings, RateLimitPolicy.DEFAULT),
                        new SlackHandlers(c -> {}, Map.of(), h -> {}),
                        Runnable::run,
                        reconnects)) {
            return assertThrows(SlackStartupException.class, connection::start);
        } finally {
            reconnects.shutdownNow();
        }
    }
}
