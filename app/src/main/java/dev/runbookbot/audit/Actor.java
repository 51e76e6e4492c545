package dev.runbookbot.audit;

/**
 * Who is acting: a chat user id ({@code U…}/{@code W…} in Slack) plus the team it belongs to, or a system actor such
 * as {@code alertmanager} or a CLI user. Authority is decided from these ids only, never from display names.
 */
public record Actor(String userId, String teamId) {
    public Actor {
        NonBlank.require(userId, "actor user id");
        teamId = teamId == null ? "" : teamId;
    }

    public static Actor system(String name) {
        return new Actor(name, "");
    }

    @Override
    public String toString() {
        return userId;
    }
}
