package dev.runbookbot.config;

import dev.runbookbot.secrets.Secret;
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
 * do not talk to Slack never look at it, so it may be incomplete; {@link #settings()} says what is missing.
 *
 * @param botToken {@code SLACK_BOT_TOKEN}, empty when unset
 * @param appToken {@code SLACK_APP_TOKEN}, empty when unset
 * @param apiUrl the Web API base URL; Slack's own when empty
 * @param teamId the workspace id ({@code T...}), empty when unset
 * @param appId the app id ({@code A...}), empty when unset
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
     * What the Slack adapter needs, once everything it needs is set.
     *
     * @throws SlackStartupException naming the first variable that is missing: the tokens first, then the ids
     */
    public SlackSettings settings() {
        SlackStartupException.requireSet(botToken.name(), botToken.reveal(), "bot token (xoxb-...)");
        SlackStartupException.requireSet(appToken.name(), appToken.reveal(), "app-level token (xapp-...)");
        SlackStartupException.requireSet(
                "SLACK_TEAM_ID", teamId, "workspace id (T...), which every payload is checked against");
        SlackStartupException.requireSet(
                "SLACK_APP_ID", appId, "app id (A...), which every payload is checked against");
        return new SlackSettings(
                botToken,
                appToken,
                apiUrl.orElse(SlackSettings.DEFAULT_API_BASE_URL),
                teamId,
                appId,
                SlackSettings.DEFAULT_HTTP_CALL_TIMEOUT);
    }
}
