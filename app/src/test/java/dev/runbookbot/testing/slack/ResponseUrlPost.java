package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A POST the bot made to a {@code response_url} the fake handed out.
 *
 * @param hookId the id in the URL
 * @param envelopeId the envelope whose payload carried the URL
 * @param body the JSON body posted
 * @param use 1 for the first use of the URL, 2 for the second...
 * @param receivedNanos {@link System#nanoTime()} when the fake read it
 */
public record ResponseUrlPost(String hookId, String envelopeId, ObjectNode body, int use, long receivedNanos) {

    public String text() {
        return body.path("text").asText("");
    }

    /** {@code ephemeral} or {@code in_channel}; Slack treats a missing one as ephemeral. */
    public String responseType() {
        return body.path("response_type").asText("ephemeral");
    }
}
