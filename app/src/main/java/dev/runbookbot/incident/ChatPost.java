package dev.runbookbot.incident;

/** The result of posting a message: where it is, or why it could not be posted. */
public sealed interface ChatPost {
    record Posted(ChatLocation location) implements ChatPost {}

    /** The bot is not a member of the channel; {@code hint} tells a person how to invite it. */
    record NotInChannel(String channel, String hint) implements ChatPost {}

    record Failed(String reason) implements ChatPost {}
}
