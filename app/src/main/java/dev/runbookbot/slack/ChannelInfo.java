package dev.runbookbot.slack;

import java.util.Objects;

/**
 * What {@code conversations.info} says about a channel that matters to the bot.
 *
 * @param id the channel id
 * @param name the channel name without {@code #}, possibly empty for direct messages
 * @param isPrivate whether it is a private channel
 * @param isArchived whether it is archived (posting fails)
 * @param botIsMember whether the bot is in it (posting works)
 */
public record ChannelInfo(String id, String name, boolean isPrivate, boolean isArchived, boolean botIsMember) {
    public ChannelInfo {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
    }
}
