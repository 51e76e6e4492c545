package dev.runbookbot.slack;

/**
 * The bot cannot talk to Slack with the configuration it was given. The message names the environment variable or the
 * URL at fault and what to do about it; it never contains a token. Only the errors about the tokens themselves (missing,
 * of the wrong kind, rejected) explain how to create the Slack app; an unreachable or wrong URL, or an id that
 * disagrees with Slack, says what to check instead. Every message ends with how to try runbooks without Slack.
 */
public final class SlackStartupException extends RuntimeException {

    /** How to get the two tokens; follows the errors about the tokens. */
    static final String HOW_TO_CREATE_THE_APP = """
            To create the Slack app: open https://api.slack.com/apps, choose "Create New App" > "From an app manifest", \
            paste slack-app-manifest.yml from the runbook-bot repository and install the app to your workspace. \
            Then set SLACK_BOT_TOKEN to the "Bot User OAuth Token" (xoxb-...) from "OAuth & Permissions", and \
            SLACK_APP_TOKEN to an app-level token (xapp-...) with the connections:write scope from "Basic Information" \
            > "App-Level Tokens". See docs/slack-setup.md.""";

    /** The command line that tries runbooks without Slack, from recorded results; {@code <...>} are to be filled in. */
    public static final String TRY_WITHOUT_SLACK =
            "runbookctl simulate --runbook <runbook-id> --fixture runbooks/fixtures/<scenario>.yaml";

    /** Ends every start-up error. */
    static final String WITHOUT_SLACK =
            "To try your runbooks without Slack, from recorded results: " + TRY_WITHOUT_SLACK;

    /** Follows every token error: how to create the app, then how to go without it. */
    static final String HOW_TO_FIX = HOW_TO_CREATE_THE_APP + "\n" + WITHOUT_SLACK;

    private SlackStartupException(String problem, String hint, Throwable cause) {
        super(problem + "\n" + hint, cause);
    }

    private static SlackStartupException aboutTheToken(String problem) {
        return new SlackStartupException(problem, HOW_TO_FIX, null);
    }

    private static SlackStartupException aboutTheSetup(String problem, Throwable cause) {
        return new SlackStartupException(problem, WITHOUT_SLACK, cause);
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
        return aboutTheToken(variable + " is not set: runbook-bot needs the Slack " + kind + ".");
    }

    static SlackStartupException wrongTokenKind(String variable, String expectedPrefix, String actualPrefix) {
        return aboutTheToken(
                variable + " must start with " + expectedPrefix + " but it starts with " + actualPrefix + ".");
    }

    static SlackStartupException rejected(String variable, String method, String error) {
        return aboutTheToken(variable + " was rejected by Slack (" + method + " answered " + error + ").");
    }

    static SlackStartupException unreachable(String apiBaseUrl, Throwable cause) {
        return unreachable(apiBaseUrl, String.valueOf(cause.getMessage()), cause);
    }

    /** @param why what failed, for example "the name slack.com does not resolve (DNS: ...)" */
    static SlackStartupException unreachable(String apiBaseUrl, String why, Throwable cause) {
        return aboutTheSetup(
                "Slack's Web API at " + apiBaseUrl + " could not be reached (" + why
                        + "). Check the network, or SLACK_API_URL if it is set.",
                cause);
    }

    static SlackStartupException wrongUrl(String apiBaseUrl, String method, int httpStatus) {
        return aboutTheSetup(
                "Slack's Web API is not at " + apiBaseUrl + ": " + method + " answered HTTP " + httpStatus
                        + ", so the URL is wrong. Fix SLACK_API_URL (Slack's own is "
                        + SlackSettings.DEFAULT_API_BASE_URL + ", GovSlack's https://slack-gov.com/api/) or unset it.",
                null);
    }

    static SlackStartupException notSlack(String apiBaseUrl, String method, String what) {
        return aboutTheSetup(
                "What answers at " + apiBaseUrl + " is not Slack's Web API (" + method + " answered " + what
                        + "). Fix SLACK_API_URL or unset it.",
                null);
    }

    static SlackStartupException teamMismatch(String variable, String actualTeam, String expectedTeam) {
        return aboutTheToken(variable + " belongs to Slack team " + actualTeam
                + ", but runbook-bot is configured for team " + expectedTeam + ".");
    }

    static SlackStartupException appMismatch(String actualApp, String expectedApp) {
        return aboutTheSetup(
                "SLACK_BOT_TOKEN belongs to Slack app " + actualApp + ", but SLACK_APP_ID is " + expectedApp
                        + ". Unset SLACK_APP_ID to use the app of the token, or use the tokens of app " + expectedApp
                        + ".",
                null);
    }

    static SlackStartupException appIdUnknown(String error) {
        return aboutTheSetup(
                "runbook-bot could not learn its Slack app id: bots.info answered " + error + ". The bot token needs"
                        + " the users:read scope (in slack-app-manifest.yml; reinstall the app after adding it), or set"
                        + " SLACK_APP_ID to the App ID under \"Basic Information\" > \"App Credentials\".",
                null);
    }

    static SlackStartupException socketModeFailed(String variable, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return aboutTheSetup(
                "Socket Mode could not be opened with " + variable + " (" + detail
                        + "). Check that Socket Mode is enabled for the app and that the token has the"
                        + " connections:write scope.",
                cause);
    }
}
