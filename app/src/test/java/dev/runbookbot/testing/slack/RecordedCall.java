package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Web API call the fake received and what it answered.
 *
 * @param seq the call's position, from 1, across all methods
 * @param method the method name, for example {@code chat.postMessage}
 * @param tokenKind {@code bot}, {@code app}, {@code none} or {@code unknown}
 * @param params the form fields or JSON body, without the token
 * @param status the HTTP status answered (0 when the connection was dropped)
 * @param response the JSON body answered
 * @param fault the injected fault or rate limit that shaped the answer, or empty
 * @param insideRetryAfterWindow whether the call came before a {@code Retry-After} window for its method and channel ended
 * @param receivedNanos {@link System#nanoTime()} when the request was dispatched
 */
public record RecordedCall(
        long seq,
        String method,
        String tokenKind,
        ObjectNode params,
        int status,
        ObjectNode response,
        String fault,
        boolean insideRetryAfterWindow,
        long receivedNanos) {

    /** A parameter as text (JSON text for non-text values), or null when absent. */
    public String param(String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The {@code channel} parameter, or null. */
    public String channel() {
        return param("channel");
    }

    /** Whether the answer was {@code ok: true}. */
    public boolean ok() {
        return response.path("ok").asBoolean(false);
    }

    /** The answered error code, or null. */
    public String error() {
        JsonNode e = response.get("error");
        return e == null ? null : e.asText();
    }
}
