package dev.runbookbot.incident.intake;

import dev.runbookbot.incident.Incident;
import dev.runbookbot.runbook.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words an alert group's thread gets: a list of its alerts (at most {@value #MAX_LISTED}, then "N more"), one line
 * each (name, up to six labels, title; each on one line and cut), and the alerts another runbook would handle, named so a person can run it.
 * Alert text is hostile; it reaches chat only through the gateway, which escapes it. Thread-safe.
 */
final class AlertGroupText {
    static final int MAX_LISTED = 20;
    /** The longest label name, value or alert name shown in a line, in characters. */
    static final int MAX_LABEL = 120;
    /** The longest title shown in a line, in characters. */
    static final int MAX_TITLE = 300;

    private final Catalog catalog;

    AlertGroupText(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Alerts of this incident that another runbook would handle: named, so a person can run it. */
    Optional<String> otherRunbooks(Incident incident, List<AlertEvent> events) {
        Map<String, List<AlertEvent>> byRunbook = new LinkedHashMap<>();
        for (AlertEvent event : events) {
            catalog.forAlert(event.alertName(), event.labels())
                    .filter(runbook -> !runbook.id().equals(incident.runbookId()))
                    .ifPresent(runbook -> byRunbook
                            .computeIfAbsent(runbook.id(), id -> new ArrayList<>())
                            .add(event));
        }
        if (byRunbook.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        byRunbook.forEach((runbook, matched) -> text.append("\n")
                .append(matched.size())
                .append(" of them match runbook ")
                .append(runbook)
                .append(", not this incident's ")
                .append(incident.runbookId())
                .append(": one group is one incident; run `/runbook run ")
                .append(runbook)
                .append("` to diagnose them with it."));
        return Optional.of(text.toString());
    }

    static String list(List<AlertEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().limit(MAX_LISTED).forEach(event -> text.append("\n• ").append(line(event)));
        if (events.size() > MAX_LISTED) {
            text.append("\n• ... and ").append(events.size() - MAX_LISTED).append(" more");
        }
        return text.toString();
    }

    private static String line(AlertEvent event) {
        String labels = event.labels().entrySet().stream()
                .filter(label -> !label.getKey().equals("alertname"))
                .limit(6)
                .map(label -> shown(label.getKey(), MAX_LABEL) + "=" + shown(label.getValue(), MAX_LABEL))
                .collect(Collectors.joining(", "));
        String name = event.alertName().isEmpty() ? "(no alertname)" : shown(event.alertName(), MAX_LABEL);
        return name
                + (labels.isEmpty() ? "" : " {" + labels + "}")
                + event.title()
                        .filter(t -> !t.equals(event.alertName()))
                        .map(t -> ": " + shown(t, MAX_TITLE))
                        .orElse("");
    }

    /**
     * {@code text} on one line and at most {@code max} characters: a line break in a label cannot start a line that
     * reads like another alert of the list, and a 100 KB label cannot push the others out of the message.
     */
    private static String shown(String text, int max) {
        String line = text.replace("\r\n", " ")
                .replace('\n', ' ')
                .replace('\r', ' ')
                .replace('\u2028', ' ')
                .replace('\u2029', ' ');
        if (line.length() <= max) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
        return line.substring(0, end) + "…";
    }
}
