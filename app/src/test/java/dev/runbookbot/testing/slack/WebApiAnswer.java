package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * What the fake Web API answers to one call.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param headers extra response headers ({@code Retry-After}, {@code x-oauth-scopes})
 * @param delay how long to hold the answer back
 * @param drop close the connection instead of answering
 * @param fault the fault or rate limit that shaped it, or empty
 * @param hang hold the connection and never answer
 */
record WebApiAnswer(
        int status,
        ObjectNode body,
        Map<String, String> headers,
        Duration delay,
        boolean drop,
        String fault,
        boolean hang) {

    WebApiAnswer(int status, ObjectNode body, Map<String, String> headers, Duration delay, boolean drop, String fault) {
        this(status, body, headers, delay, drop, fault, false);
    }

    static WebApiAnswer of(ObjectNode body) {
        return new WebApiAnswer(200, body, Map.of(), Duration.ZERO, false, "");
    }

    WebApiAnswer withHeader(String name, String value) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebApiAnswer(status, body, Map.copyOf(h), delay, drop, fault, hang);
    }

    WebApiAnswer withFault(String description) {
        return new WebApiAnswer(status, body, headers, delay, drop, description, hang);
    }

    WebApiAnswer delayed(Duration by) {
        return new WebApiAnswer(status, body, headers, by, drop, fault, hang);
    }
}
