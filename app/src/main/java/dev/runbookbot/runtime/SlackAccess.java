package dev.runbookbot.runtime;

import dev.runbookbot.slack.SlackCredentials;
import dev.runbookbot.slack.SlackIdentityLookup;
import dev.runbookbot.slack.SlackSettings;
import dev.runbookbot.slack.SlackTransport;

/**
 * Slack as the bot reaches it: who the bot is, from Slack (a start-up step of its own, as it waits on Slack's answers): only the two tokens are
 * needed; {@code SLACK_TEAM_ID} / {@code SLACK_APP_ID} are pins. Keeps the HTTP transport every later Slack call goes
 * through; closing it closes that transport.
 */
record SlackAccess(SlackTransport transport, SlackSettings settings) implements AutoCloseable {

    /**
     * Asks Slack.
     *
     * @throws dev.runbookbot.slack.SlackStartupException when a token is missing or rejected, or Slack is unreachable
     */
    static SlackAccess lookup(SlackCredentials credentials) {
        SlackTransport transport = new SlackTransport(credentials.apiBaseUrl(), credentials.httpCallTimeout());
        try {
            return new SlackAccess(transport, new SlackIdentityLookup(transport).resolve(credentials));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
