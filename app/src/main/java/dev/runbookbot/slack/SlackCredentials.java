package dev.runbookbot.slack;

import dev.runbookbot.secrets.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the configuration says about Slack before Slack is asked anything: the two tokens, where the Web API is, and
 * optional pins of the workspace and app ids. {@link SlackIdentityLookup} learns the real ids from Slack ({@code
 * auth.test}, {@code bots.info}) and turns these into {@link SlackSettings}; a pin that disagrees with Slack stops the
 * start.
 *
 * @param botToken {@code SLACK_BOT_TOKEN} ({@code xoxb-...}); empty when unset
 * @param appToken {@code SLACK_APP_TOKEN} ({@code xapp-...}); empty when unset
 * @param apiBaseUrl the Web API base URL, Slack's own unless {@code SLACK_API_URL} says otherwise; http(s), a missing
 *     trailing slash is added
 * @param pinnedTeamId {@code SLACK_TEAM_ID} when set: the workspace the bot token must belong to
 * @param pinnedAppId {@code SLACK_APP_ID} when set: the app the bot user must belong to
 * @param httpCallTimeout the upper bound for one Web API call, connect to last byte
 */
public record SlackCredentials(
        Secret botToken,
        Secret appToken,
        URI apiBaseUrl,
        Optional<String> pinnedTeamId,
        Optional<String> pinnedAppId,
        Duration httpCallTimeout) {

    public SlackCredentials {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        apiBaseUrl = SlackSettings.checkedApiBaseUrl(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl"));
        pinnedTeamId = Objects.requireNonNull(pinnedTeamId, "pinnedTeamId")
                .map(String::strip)
                .filter(s -> !s.isEmpty());
        pinnedAppId = Objects.requireNonNull(pinnedAppId, "pinnedAppId")
                .map(String::strip)
                .filter(s -> !s.isEmpty());
        Objects.requireNonNull(httpCallTimeout, "httpCallTimeout");
    }

    /** The settings of a bot whose identity is known: the ids every payload is checked against. */
    public SlackSettings settings(String teamId, String appId) {
        return new SlackSettings(botToken, appToken, apiBaseUrl, teamId, appId, httpCallTimeout);
    }
}
