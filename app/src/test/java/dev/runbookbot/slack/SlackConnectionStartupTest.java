package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.secrets.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Start-up errors that need no Slack at all: the exact text a user sees. */
class SlackConnectionStartupTest {
    /** Nothing listens on the discard port; a token check that reached the network would fail differently. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/api/");

    private static final String HOW_TO_FIX = """
            To create the Slack app: open https://api.slack.com/apps, choose "Create New App" > "From an app manifest", \
            paste slack-app-manifest.yml from the runbook-bot repository and install the app to your workspace. \
            Then set SLACK_BOT_TOKEN to the "Bot User OAuth Token" (xoxb-...) from "OAuth & Permissions", and \
            SLACK_APP_TOKEN to an app-level token (xapp-...) with the connections:write scope from "Basic Information" \
            > "App-Level Tokens". See docs/slack-setup.md.
            To try your runbooks without Slack, from recorded results: \
            runbookctl simulate --runbook <runbook-id> --fixture runbooks/fixtures/<scenario>.yaml""";

    @Test
    void aMissingBotTokenIsNamed() {
        SlackStartupException e = startWith("", "xapp-1-A111-1-abc");

        assertEquals(
                "SLACK_BOT_TOKEN is not set: runbook-bot needs the Slack bot token (xoxb-...).\n" + HOW_TO_FIX,
                e.getMessage());
    }

    @Test
    void aMissingAppTokenIsNamed() {
        SlackStartupException e = startWith("xoxb-1-2-abc", "  ");

        assertEquals(
                "SLACK_APP_TOKEN is not set: runbook-bot needs the Slack app-level token (xapp-...).\n" + HOW_TO_FIX,
                e.getMessage());
    }

    @Test
    void swappedTokensAreNamedWithoutPrintingThem() {
        SlackStartupException e = startWith("xapp-1-A111-1-secretpart", "xoxb-1-2-othersecret");

        assertEquals("SLACK_BOT_TOKEN must start with xoxb- but it starts with xapp-.\n" + HOW_TO_FIX, e.getMessage());
        assertFalse(e.getMessage().contains("secretpart"));
    }

    @Test
    void somethingThatIsNotATokenIsNotEchoed() {
        SlackStartupException e = startWith("xoxb-1-2-abc", "hunter2-password");

        assertEquals(
                "SLACK_APP_TOKEN must start with xapp- but it starts with something that is not a Slack token.\n"
                        + HOW_TO_FIX,
                e.getMessage());
    }

    @Test
    void anUnreachableApiSaysWhereItLooked() {
        SlackStartupException e = startWith("xoxb-1-2-abc", "xapp-1-A111-1-abc");

        assertTrue(
                e.getMessage().startsWith("Slack's Web API at http://127.0.0.1:9/api/ could not be reached ("),
                e.getMessage());
        assertTrue(e.getMessage()
                .endsWith("). Check the network, or SLACK_API_URL if it is set.\n"
                        + SlackStartupException.WITHOUT_SLACK));
        assertFalse(e.getMessage().contains("Create New App"), "the app exists; the network is at fault");
    }

    private static SlackStartupException startWith(String bot, String app) {
        SlackSettings settings = new SlackSettings(
                new Secret("SLACK_BOT_TOKEN", bot),
                new Secret("SLACK_APP_TOKEN", app),
                NOWHERE,
                "T111",
                "A111",
                Duration.ofSeconds(2));
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
