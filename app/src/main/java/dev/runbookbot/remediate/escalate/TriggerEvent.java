package dev.runbookbot.remediate.escalate;

import java.util.Map;
import java.util.Optional;

/**
 * One Events API v2 {@code trigger}: the routing key's secret name, the {@code dedup_key} (at most 255 characters), the
 * payload's {@code summary} (at most 1,024), {@code severity} ({@code critical}, {@code error}, {@code warning},
 * {@code info}), {@code component}, {@code custom_details}, and a link to the incident's thread when there is one.
 */
record TriggerEvent(
        String routingKeySecret,
        String dedupKey,
        String summary,
        String severity,
        Optional<String> component,
        Map<String, String> details,
        Optional<String> link) {
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1_024;

    TriggerEvent {
        dedupKey = cut(dedupKey, MAX_DEDUP_KEY);
        summary = cut(summary, MAX_SUMMARY);
        details = Map.copyOf(details);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
