package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a request to act on an incident or a run came from: the message a button was clicked on, or nothing for a
 * typed command. A click acts only on what its own message shows ({@link MessageBinding}); a typed command names what
 * it acts on and is bound to no message.
 */
public record ClickOrigin(Optional<ChatLocation> message) {
    public ClickOrigin {
        Objects.requireNonNull(message, "message");
    }

    /** A typed command: no message to be bound to. */
    public static ClickOrigin typed() {
        return new ClickOrigin(Optional.empty());
    }

    /** A click on the message at {@code clickedOn}. */
    public static ClickOrigin clicked(ChatLocation clickedOn) {
        return new ClickOrigin(Optional.of(clickedOn));
    }

    /**
     * Empty when this origin may act on {@code what}, shown at {@code shownAt}; otherwise the reason. A typed command
     * always may; a click only from that very message.
     */
    public Optional<String> refusal(Optional<ChatLocation> shownAt, String what) {
        return message.flatMap(clickedOn -> MessageBinding.refusal(clickedOn, shownAt, what));
    }
}
