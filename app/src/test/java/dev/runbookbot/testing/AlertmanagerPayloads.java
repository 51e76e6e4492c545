package dev.runbookbot.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Alertmanager webhook bodies (payload version 4) shaped like the ones Debian's Alertmanager 0.25 sends (see {@code
 * app/src/test/resources/fixtures/alertmanager/debian-0.25-captured-*.json}): one alert per body, each its own group
 * (the route groups by every label), with Alertmanager's own fingerprint of the labels. For tests and benchmarks that need many distinct alerts; the fixtures
 * stay the reference for the format.
 */
public final class AlertmanagerPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayloads() {}

    /** A firing notification of one alert. */
    public static String firing(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
        return body(labels, annotations, startsAt, Optional.empty());
    }

    /** The resolved notification of the same alert. */
    public static String resolved(
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
        return body(labels, annotations, startsAt, Optional.of(endsAt));
    }

    /**
     * A firing notification of a whole group: every alert in {@code alerts} (their label sets) under {@code groupKey},
     * all started at {@code startsAt}. Alertmanager re-sends the whole group when an alert joins or leaves it.
     */
    public static String group(String groupKey, List<Map<String, String>> alerts, Instant startsAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("receiver", "runbook-bot");
        root.put("status", "firing");
        ArrayNode array = root.putArray("alerts");
        for (Map<String, String> labels : alerts) {
            ObjectNode alert = array.addObject();
            alert.put("status", "firing");
            alert.set("labels", JSON.valueToTree(labels));
            alert.putObject("annotations").put("summary", labels.getOrDefault("alertname", "") + " is firing");
            alert.put("startsAt", startsAt.toString());
            alert.put("endsAt", "0001-01-01T00:00:00Z");
            alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=up");
            alert.put("fingerprint", AlertFingerprint.of(labels));
        }
        root.putObject("groupLabels");
        root.putObject("commonLabels");
        root.putObject("commonAnnotations");
        root.put("externalURL", "http://alertmanager.invalid:9093");
        root.put("version", "4");
        root.put("groupKey", groupKey);
        root.put("truncatedAlerts", 0);
        return write(root);
    }

    /**
     * A notification of a whole group as Alertmanager sends it once some alerts have resolved: {@code firing} alerts
     * started at {@code startsAt}, {@code resolved} alerts started then and ended at {@code endsAt}, and {@code
     * truncated} alerts left out by {@code max_alerts}. The group's status is firing while any alert fires.
     */
    public static String group(
            String groupKey,
            List<Map<String, String>> firing,
            List<Map<String, String>> resolved,
            Instant startsAt,
            Instant endsAt,
            int truncated) {
        ObjectNode root = JSON.createObjectNode();
        root.put("receiver", "runbook-bot");
        root.put("status", firing.isEmpty() && truncated == 0 ? "resolved" : "firing");
        ArrayNode array = root.putArray("alerts");
        for (Map<String, String> labels : firing) {
            groupAlert(array, labels, startsAt, Optional.empty());
        }
        for (Map<String, String> labels : resolved) {
            groupAlert(array, labels, startsAt, Optional.of(endsAt));
        }
        root.putObject("groupLabels");
        root.putObject("commonLabels");
        root.putObject("commonAnnotations");
        root.put("externalURL", "http://alertmanager.invalid:9093");
        root.put("version", "4");
        root.put("groupKey", groupKey);
        root.put("truncatedAlerts", truncated);
        return write(root);
    }

    private static void groupAlert(
            ArrayNode array, Map<String, String> labels, Instant startsAt, Optional<Instant> endsAt) {
        ObjectNode alert = array.addObject();
        alert.put("status", endsAt.isPresent() ? "resolved" : "firing");
        alert.set("labels", JSON.valueToTree(labels));
        alert.putObject("annotations").put("summary", labels.getOrDefault("alertname", "") + " is firing");
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
        alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=up");
        alert.put("fingerprint", AlertFingerprint.of(labels));
    }

    /** Labels with {@code alertname} and the others given as name, value pairs. */
    public static Map<String, String> labels(String alertName, String... nameValuePairs) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertName);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            labels.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return labels;
    }

    /** The body mapped as the webhook route maps it. */
    public static MappedDelivery mapped(String body) {
        try {
            return new AlertmanagerMapper(new JsonPayloadReader()).map(body.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidPayloadException e) {
            throw new IllegalArgumentException("not a valid Alertmanager body: " + e.reason(), e);
        }
    }

    private static String body(
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Optional<Instant> endsAt) {
        String status = endsAt.isPresent() ? "resolved" : "firing";
        String alertName = labels.getOrDefault("alertname", "");
        ObjectNode root = JSON.createObjectNode();
        root.put("receiver", "runbook-bot");
        root.put("status", status);
        ObjectNode alert = root.putArray("alerts").addObject();
        alert.put("status", status);
        alert.set("labels", JSON.valueToTree(labels));
        alert.set("annotations", JSON.valueToTree(annotations));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
        alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=up");
        alert.put("fingerprint", AlertFingerprint.of(labels));
        root.putObject("groupLabels").put("alertname", alertName);
        root.set("commonLabels", JSON.valueToTree(labels));
        root.set("commonAnnotations", JSON.valueToTree(annotations));
        root.put("externalURL", "http://alertmanager.invalid:9093");
        root.put("version", "4");
        root.put("groupKey", groupKey(labels));
        root.put("truncatedAlerts", 0);
        return write(root);
    }

    /**
     * The group key of a route grouping by every label ({@code group_by: ['...']}), so each alert is a group of its
     * own, as these one-alert notifications say.
     */
    public static String groupKey(Map<String, String> labels) {
        StringBuilder key = new StringBuilder("{}:{");
        new TreeMap<>(labels).forEach((name, value) -> {
            if (key.length() > 4) {
                key.append(", ");
            }
            key.append(name).append("=\"").append(value).append('"');
        });
        return key.append('}').toString();
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
