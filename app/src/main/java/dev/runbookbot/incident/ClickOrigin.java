package dev.runbookbot.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * The message a click came from (its channel and {@code ts}), or none for a typed command. A click acts only on what
 * its own message shows: a click on an incident's parent message only on that incident, a click on a remediation's
 * message only on that run. A payload that names one thing from another message is refused.
 */
public record ClickOrigin(Optional<ChatLocation> message) {
    public ClickOrigin {
        Objects.requireNonNull(message, "message");
    }

    /** A typed command: no message to be bound to. */
    public static ClickOrigin typed() {
        return new ClickOrigin(Optional.empty());
    }

    public static ClickOrigin of(String channel, String ts) {
        return channel == null || channel.isBlank() || ts == null || ts.isBlank()
                ? new ClickOrigin(Optional.of(new ChatLocation("?", "?")))
                : new ClickOrigin(Optional.of(new ChatLocation(channel, ts)));
    }

    /**
     * Empty when this origin may act on what is shown at {@code expected}; otherwise the reason. A typed command always
     * may; a click only from the very message ({@code what} names it for the reason).
     */
    public Optional<String> refusal(Optional<ChatLocation> expected, String what) {
        if (message.isEmpty()) {
            return Optional.empty();
        }
        if (expected.isPresent() && expected.get().equals(message.get())) {
            return Optional.empty();
        }
        return Optional.of("this button does not belong to " + what + "'s message, so it cannot act on it");
    }
}
