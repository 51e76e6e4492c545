package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An envelope the fake sent over Socket Mode.
 *
 * @param envelopeId its {@code envelope_id}
 * @param type {@code slash_commands}, {@code interactive} or {@code events_api}
 * @param json the whole envelope as sent
 * @param connectionId the connection it went to
 * @param sentNanos {@link System#nanoTime()} just before it was written
 */
public record SentEnvelope(String envelopeId, String type, ObjectNode json, int connectionId, long sentNanos) {}
