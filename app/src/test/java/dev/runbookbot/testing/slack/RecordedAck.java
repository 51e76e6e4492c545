package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An acknowledgement the bot sent over Socket Mode.
 *
 * @param envelopeId the acknowledged envelope
 * @param connectionId the connection it came over
 * @param message the whole frame, {@code payload} included when the ack carried one
 * @param receivedNanos {@link System#nanoTime()} when the fake read it
 */
public record RecordedAck(String envelopeId, int connectionId, ObjectNode message, long receivedNanos) {

    /** Whether the ack carried a response payload (for example a slash command's ephemeral text). */
    public boolean hasPayload() {
        return message.has("payload") && !message.get("payload").isNull();
    }
}
