package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.NonBlank;
import java.util.Objects;
import java.util.Optional;

/**
 * A click is bound to the message it came from: a button acts only on the run or incident whose stored message is the
 * one the click was made on (same channel, same {@code ts}). A button's value is an opaque id that anybody who can send
 * a payload could copy onto another message, or into another channel; the place it was clicked cannot be chosen that
 * way, because chat reports it for the message the person actually clicked. So a click on run A's button from message
 * B acts on nothing, and a thing with no stored message (its post failed, or is not recorded yet) takes no clicks.
 *
 * <p>One check for every button: the remediation buttons (approve, reject, run, done) compare with the run's message,
 * the parent message's buttons ("I'm on it" and any later ones) with the incident's thread. Pure and thread-safe.
 */
public final class MessageBinding {
    private MessageBinding() {}

    /**
     * Why a click made on {@code clickedOn} may not act on {@code what}, shown at {@code shownAt}; empty when it came
     * from that very message.
     *
     * @param what how people name the thing the button acts on ({@code restart-api (run-7)}, {@code INC-3})
     */
    public static Optional<String> refusal(ChatLocation clickedOn, Optional<ChatLocation> shownAt, String what) {
        Objects.requireNonNull(clickedOn, "clickedOn");
        Objects.requireNonNull(shownAt, "shownAt");
        NonBlank.require(what, "what");
        if (shownAt.isEmpty()) {
            return Optional.of(
                    "this button is not on a message of " + what + " (it has no message recorded); nothing was done");
        }
        ChatLocation shown = shownAt.get();
        if (!shown.channel().equals(clickedOn.channel())) {
            return Optional.of("this button was clicked in channel " + clickedOn.channel() + ", but " + what
                    + " is shown in " + shown.channel() + "; a button acts only on the message it is on, so nothing"
                    + " was done");
        }
        if (!shown.ts().equals(clickedOn.ts())) {
            return Optional.of("this button was clicked on message " + clickedOn.ts() + ", but " + what
                    + " is shown on message " + shown.ts() + "; a button acts only on the message it is on, so"
                    + " nothing was done");
        }
        return Optional.empty();
    }
}
