package dev.runbookbot.config;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.slack.SlackCredentials;
import dev.runbookbot.slack.SlackSettings;
import dev.runbookbot.slack.SlackStartupException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Slack part of the configuration, as read at start-up, before anything is checked against Slack. The tokens come
 * from the environment only ({@code SLACK_BOT_TOKEN}, {@code SLACK_APP_TOKEN}; a token does not belong in a file), the
 * ids and the API URL from the environment or the file ({@code slack.teamId} / {@code SLACK_TEAM_ID}, {@code
 * slack.appId} / {@code SLACK_APP_ID}, {@code slack.apiUrl} / {@code SLACK_API_URL}). {@code runbookctl} commands that
 * do not talk to Slack never look at it, so it may be incomplete; {@link #credentials()} says what is missing.
 *
 * @param botToken {@code SLACK_BOT_TOKEN}, empty when unset
 * @param appToken {@code SLACK_APP_TOKEN}, empty when unset
 * @param apiUrl the Web API base URL; Slack's own when empty
 * @param teamId the workspace id ({@code T...}) the bot token must belong to, empty when unset (learnt from Slack)
 * @param appId the app id ({@code A...}) the bot must belong to, empty when unset (learnt from Slack)
 * @param approvers who may approve when a runbook names nobody: user ids ({@code U...}/{@code W...}) and user group ids
 *     ({@code S...}), from {@code approval.approvers} or {@code RUNBOOK_APPROVERS} (comma-separated); empty lets any
 *     member of the workspace approve
 * @param participantsMayClose whether the incident's participants (who started it, took it, or decided on its
 *     remediations) may resolve, reopen and escalate it besides the approvers, from {@code
 *     approval.participantsMayClose} or {@code RUNBOOK_PARTICIPANTS_MAY_CLOSE} (true unless set to false)
 */
public record SlackSection(
        Secret botToken,
        Secret appToken,
        Optional<URI> apiUrl,
        String teamId,
        String appId,
        List<String> approvers,
        boolean participantsMayClose) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    private static final Pattern APPROVER = Pattern.compile("[UWS][A-Z0-9]{2,30}");

    public SlackSection {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        teamId = teamId == null ? "" : teamId.strip();
        appId = appId == null ? "" : appId.strip();
        approvers = List.copyOf(approvers);
    }

    static SlackSection from(SettingsSource s) {
        List<String> approvers = s.list("approval.approvers", "RUNBOOK_APPROVERS");
        for (String approver : approvers) {
            if (!APPROVER.matcher(approver).matches()) {
                throw new SettingsException(s.where("approval.approvers", "RUNBOOK_APPROVERS") + " lists '" + approver
                        + "', which is not a Slack user id (U... or W...) or user group id (S...); display names"
                        + " are not accepted, because they are neither unique nor stable");
            }
        }
        return new SlackSection(
                new Secret(BOT_TOKEN, s.env(BOT_TOKEN).orElse("")),
                new Secret(APP_TOKEN, s.env(APP_TOKEN).orElse("")),
                s.uri("slack.apiUrl", "SLACK_API_URL"),
                s.string("slack.teamId", "SLACK_TEAM_ID", ""),
                s.string("slack.appId", "SLACK_APP_ID", ""),
                approvers,
                s.bool("approval.participantsMayClose", "RUNBOOK_PARTICIPANTS_MAY_CLOSE", true));
    }

    /**
     * What the Slack adapter needs before it asks Slack who the bot is: the two tokens, which must be set, the API URL,
     * and the team and app ids as optional pins ({@link dev.runbookbot.slack.SlackIdentityLookup} learns the real ones
     * from {@code auth.test} and {@code bots.info}).
     *
     * @throws SlackStartupException naming the first token that is missing
     */
    public SlackCredentials credentials() {
        SlackStartupException.requireSet(botToken.name(), botToken.reveal(), "bot token (xoxb-...)");
        SlackStartupException.requireSet(appToken.name(), appToken.reveal(), "app-level token (xapp-...)");
        return new SlackCredentials(
                botToken,
                appToken,
                apiUrl.orElse(SlackSettings.DEFAULT_API_BASE_URL),
                Optional.of(teamId).filter(s -> !s.isEmpty()),
                Optional.of(appId).filter(s -> !s.isEmpty()),
                SlackSettings.DEFAULT_HTTP_CALL_TIMEOUT);
    }
}
