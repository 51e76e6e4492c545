package dev.runbookbot.testing.slack;

import java.util.Objects;

/**
 * A channel of the fake world. Posting needs {@code botIsMember}; a private channel the bot is not in looks like
 * {@code channel_not_found}, as in Slack.
 */
public record FakeChannel(String id, String name, boolean isPrivate, boolean botIsMember, boolean isArchived) {
    public FakeChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public static FakeChannel publicWithBot(String id, String name) {
        return new FakeChannel(id, name, false, true, false);
    }

    public static FakeChannel publicWithoutBot(String id, String name) {
        return new FakeChannel(id, name, false, false, false);
    }

    public static FakeChannel privateWithoutBot(String id, String name) {
        return new FakeChannel(id, name, true, false, false);
    }

    FakeChannel joined() {
        return new FakeChannel(id, name, isPrivate, true, isArchived);
    }
}
