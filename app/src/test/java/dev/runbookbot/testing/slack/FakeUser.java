package dev.runbookbot.testing.slack;

import java.util.Objects;

/** A user of the fake world; {@code teamId} is their home workspace (another team's for Slack Connect users). */
public record FakeUser(String id, String teamId, String name, boolean isBot) {
    public FakeUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
    }

    public static FakeUser human(String id, String teamId, String name) {
        return new FakeUser(id, teamId, name, false);
    }
}
