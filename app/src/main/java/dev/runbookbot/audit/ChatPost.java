package dev.runbookbot.audit;

import dev.runbookbot.incident.ChatPlacements;

/** The result of posting a message: where it is, that it is on its way, or why it could not be posted. */
public sealed interface ChatPost {
    record Posted(ChatLocation location) implements ChatPost {}

    /**
     * The chat service did not take the message yet (it is rate limiting, failing or not answering); the gateway keeps
     * trying and reports where the message landed through {@link ChatPlacements}. {@code reason} says what it met.
     */
    record Pending(String reason) implements ChatPost {}

    /** The bot is not a member of the channel; {@code hint} tells a person how to invite it. */
    record NotInChannel(String channel, String hint) implements ChatPost {}

    record Failed(String reason) implements ChatPost {}

    /** Why the message is not (yet) posted, in words a person can act on; empty when it is posted. */
    default String why() {
        if (this instanceof Pending p) {
            return "the chat service has not taken it yet (" + p.reason() + "); it is delivered when it does";
        } else if (this instanceof NotInChannel n) {
            return n.hint();
        } else if (this instanceof Failed f) {
            return f.reason();
        }
        return "";
    }
}
