package dev.runbookbot.slack;

import java.util.Objects;

/**
 * Who the bot is in Slack, as Slack says: the workspace of the bot token ({@code auth.test} {@code team_id}), the app
 * the bot user belongs to ({@code bots.info} {@code app_id}, or {@code auth.test}'s when Slack includes it), and the
 * bot's own user and bot ids.
 */
public record SlackIdentity(String teamId, String appId, String botUserId, String botId) {
    public SlackIdentity {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(botUserId, "botUserId");
        Objects.requireNonNull(botId, "botId");
    }
}
