package dev.runbookbot.slack;

import java.util.Objects;

/**
 * The outcome of one Web API call: a value, a channel the bot cannot use, or a classified failure. Calls never throw
 * for anything Slack or the network does.
 *
 * @param <T> the value of a successful call
 */
public sealed interface SlackResult<T> {

    /** The call succeeded; {@code value} is null only for calls that return nothing ({@code Void}). */
    record Ok<T>(T value) implements SlackResult<T> {}

    /**
     * Slack answered {@code not_in_channel} or {@code channel_not_found}: the channel does not exist, or it is private
     * or otherwise closed to the bot until someone invites it. {@link #explanation()} says what to do.
     */
    record ChannelUnavailable<T>(String method, String channelId, String error) implements SlackResult<T> {
        public ChannelUnavailable {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(error, "error");
        }

        /** A sentence for the user, in Slack mrkdwn, naming the channel and how to invite the bot. */
        public String explanation() {
            return "runbook-bot cannot post in <#" + channelId + "> (" + error
                    + "). Invite it with `/invite @runbook-bot`" + " in that channel, then try again.";
        }
    }

    /** The call failed for another reason; {@code detail} says which, without any token. */
    record Failed<T>(String method, SlackFailureKind kind, String detail) implements SlackResult<T> {
        public Failed {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /**
     * Whether the same call may succeed later, unchanged: Slack was rate limiting (429), failing (5xx) or did not answer
     * (a timeout, a refused connection). A refusal of the content or the channel will not pass by waiting.
     */
    default boolean mayPassLater() {
        return this instanceof Failed<T> f
                && (f.kind() == SlackFailureKind.RATE_LIMITED
                        || f.kind() == SlackFailureKind.HTTP_ERROR
                        || f.kind() == SlackFailureKind.IO_ERROR);
    }

    /** A one-line description for logs and the timeline. */
    default String describe() {
        if (this instanceof Ok<T>) {
            return "ok";
        } else if (this instanceof ChannelUnavailable<T> c) {
            return c.method() + " in " + c.channelId() + ": " + c.error();
        } else {
            Failed<T> f = (Failed<T>) this;
            return f.method() + " failed (" + f.kind() + "): " + f.detail();
        }
    }
}
