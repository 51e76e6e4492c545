package dev.runbookbot.slack;

import java.util.Objects;

/**
 * A user opened the bot's Home tab, after the event's team and app ids were checked.
 *
 * @param userId the user whose Home tab is to be published
 * @param teamId the workspace of the event
 */
public record AppHomeOpened(String userId, String teamId) {
    public AppHomeOpened {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(teamId, "teamId");
    }
}
