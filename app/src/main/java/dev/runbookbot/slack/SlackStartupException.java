package dev.runbookbot.slack;

/**
 * The bot cannot talk to Slack with the configuration it was given. The message names the environment variable at
 * fault, says how to create the Slack app from the shipped manifest, and how to try runbooks without Slack; it never
 * contains a token.
 */
public final class SlackStartupException extends RuntimeException {

    /** Appended to every start-up error. */
    static final String HOW_TO_FIX = """
            To create the Slack app: open https://api.slack.com/apps, choose "Create New App" > "From an app manifest", \
            paste slack-app-manifest.yml from the runbook-bot repository and install the app to your workspace. \
            Then set SLACK_BOT_TOKEN to the "Bot User OAuth Token" (xoxb-...) from "OAuth & Permissions", and \
            SLACK_APP_TOKEN to an app-level token (xapp-...) with the connections:write scope from "Basic Information" \
            > "App-Level Tokens". See docs/slack-setup.md.
            To try your runbooks without Slack, run: runbookctl simulate <runbook-id>""";

    private SlackStartupException(String problem, Throwable cause) {
        super(problem + "\n" + HOW_TO_FIX, cause);
    }

    /**
     * Fails with the start-up error for a setting that is not set, in the same words as a missing token.
     *
     * @param what what the setting is, for example "bot token (xoxb-...)"
     */
    public static void requireSet(String variable, String value, String what) {
        if (value == null || value.isBlank()) {
            throw missingToken(variable, what);
        }
    }

    static SlackStartupException missingToken(String variable, String kind) {
        return new SlackStartupException(variable + " is not set: runbook-bot needs the Slack " + kind + ".", null);
    }

    static SlackStartupException wrongTokenKind(String variable, String expectedPrefix, String actualPrefix) {
        return new SlackStartupException(
                variable + " must start with " + expectedPrefix + " but it starts with " + actualPrefix + ".", null);
    }

    static SlackStartupException rejected(String variable, String method, String error) {
        return new SlackStartupException(
                variable + " was rejected by Slack (" + method + " answered " + error + ").", null);
    }

    static SlackStartupException unreachable(String apiBaseUrl, Throwable cause) {
        return new SlackStartupException(
                "Slack's Web API at " + apiBaseUrl + " could not be reached (" + cause.getMessage()
                        + "). Check the network, or SLACK_API_URL if it is set.",
                cause);
    }

    static SlackStartupException teamMismatch(String variable, String actualTeam, String expectedTeam) {
        return new SlackStartupException(
                variable + " belongs to Slack team " + actualTeam + ", but runbook-bot is configured for team "
                        + expectedTeam + ".",
                null);
    }

    static SlackStartupException socketModeFailed(String variable, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SlackStartupException(
                "Socket Mode could not be opened with " + variable + " (" + detail
                        + "). Check that Socket Mode is enabled for the app and that the token has the"
                        + " connections:write scope.",
                cause);
    }
}
