package dev.runbookbot.alert.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertGroup;
import dev.runbookbot.incident.intake.AlertSource;
import dev.runbookbot.incident.intake.AlertStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an Alertmanager webhook body (payload version 4) to one {@link AlertEvent} per alert in the group.
 * Alertmanager re-sends whole groups (on every change and every {@code repeat_interval}), so each alert is an event on
 * its own and the core decides per fingerprint whether it is new.
 *
 * <p>Alertmanager sends no delivery id, so the ids are derived (the {@code Message} struct of prometheus/alertmanager {@code notify/webhook/webhook.go}):
 *
 * <ul>
 *   <li>per alert: SHA-256 of group key, fingerprint, status and {@code startsAt}, and {@code endsAt} once resolved.
 *       A firing alert's {@code endsAt} is left out: it is only Alertmanager's guess of when the alert times out, and
 *       older versions move it forward on every re-send, so including it would make each repeat look new;
 *   <li>per delivery ({@link MappedDelivery#deliveryKey()}): {@code alertmanager:} and SHA-256 of receiver, group key
 *       and the sorted per-alert ids. A retry, or a repeat notification of a group that has not changed, gives the
 *       same key; a group that gained, lost or resolved an alert gives a new one.
 * </ul>
 *
 * <p>{@code truncatedAlerts > 0} means {@code max_alerts} cut the group: those alerts are lost to the bot until a
 * notification carries them. That is said in a warning on the delivery and on each of its events, for the timeline.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertmanagerMapper {
    /** The only webhook payload version this mapper reads. */
    public static final String SUPPORTED_VERSION = "4";

    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final int MAX_QUOTED = 80;

    private final JsonPayloadReader json;

    public AlertmanagerMapper(JsonPayloadReader json) {
        this.json = json;
    }

    /** Reads and maps {@code body}; a body that can never be processed is refused with the reason. */
    public MappedDelivery map(byte[] body) throws InvalidPayloadException {
        JsonNode tree = json.tree(body, "Alertmanager webhook");
        checkVersion(tree.get("version"));
        AlertmanagerMessage message = json.convert(tree, AlertmanagerMessage.class, "");
        String groupKey = required(message.groupKey(), "groupKey");
        if (message.alerts() == null) {
            throw new InvalidPayloadException("alerts: missing (a version 4 webhook always has an alerts array)");
        }
        if (message.truncatedAlerts() < 0) {
            throw new InvalidPayloadException("truncatedAlerts: " + message.truncatedAlerts() + " is negative");
        }
        List<String> warnings = message.truncatedAlerts() > 0 ? List.of(truncationWarning(message)) : List.of();
        JsonNode alertNodes = tree.get("alerts");
        AlertGroup group = new AlertGroup(groupKey, groupStatus(message), message.truncatedAlerts());
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < message.alerts().size(); i++) {
            events.add(event(message, group, i, alertNodes.get(i), warnings));
        }
        return new MappedDelivery(deliveryKey(message, groupKey, events), events, warnings);
    }

    /**
     * The group's status as Alertmanager computed it over all its alerts, those {@code max_alerts} left out included;
     * a body without it (or with another word) counts as firing while any alert it carries fires.
     */
    private static AlertStatus groupStatus(AlertmanagerMessage message) {
        if ("resolved".equals(message.status())) {
            return AlertStatus.RESOLVED;
        }
        if ("firing".equals(message.status())) {
            return AlertStatus.FIRING;
        }
        return message.alerts().stream().anyMatch(alert -> alert != null && "firing".equals(alert.status()))
                ? AlertStatus.FIRING
                : AlertStatus.RESOLVED;
    }

    private static void checkVersion(JsonNode version) throws InvalidPayloadException {
        if (version == null || version.isNull()) {
            throw new InvalidPayloadException(
                    "version: missing; runbook-bot reads Alertmanager webhook payload version " + SUPPORTED_VERSION);
        }
        if (!version.isTextual() || !SUPPORTED_VERSION.equals(version.asText())) {
            throw new InvalidPayloadException("version: "
                    + (version.isTextual()
                            ? quote(version.asText())
                            : version.getNodeType().name().toLowerCase(Locale.ROOT) + " " + version)
                    + " is not supported; runbook-bot reads Alertmanager webhook payload version \"" + SUPPORTED_VERSION
                    + "\"");
        }
    }

    private AlertEvent event(
            AlertmanagerMessage message, AlertGroup group, int index, JsonNode node, List<String> warnings)
            throws InvalidPayloadException {
        String groupKey = group.key();
        String path = "alerts[" + index + "]";
        AlertmanagerAlert alert = message.alerts().get(index);
        if (alert == null) {
            throw new InvalidPayloadException(path + ": null instead of an alert");
        }
        String status = required(alert.status(), path + ".status");
        AlertStatus alertStatus;
        if ("firing".equals(status)) {
            alertStatus = AlertStatus.FIRING;
        } else if ("resolved".equals(status)) {
            alertStatus = AlertStatus.RESOLVED;
        } else {
            throw new InvalidPayloadException(
                    path + ".status: " + quote(status) + " is neither \"firing\" nor \"resolved\"");
        }
        Map<String, String> labels = noNullValues(alert.labels(), path + ".labels");
        Map<String, String> annotations = noNullValues(alert.annotations(), path + ".annotations");
        Instant startsAt = time(alert.startsAt(), path + ".startsAt")
                .orElseThrow(() -> new InvalidPayloadException(path + ".startsAt: missing"));
        Optional<Instant> endsAt = time(alert.endsAt(), path + ".endsAt");
        String fingerprint = alert.fingerprint() == null || alert.fingerprint().isBlank()
                ? AlertFingerprint.of(labels)
                : alert.fingerprint();
        boolean resolved = alertStatus == AlertStatus.RESOLVED;
        String deliveryId = "alertmanager:"
                + DeliveryDigest.of(
                        groupKey,
                        fingerprint,
                        status,
                        startsAt.toString(),
                        resolved ? endsAt.map(Instant::toString).orElse("") : "");
        return new AlertEvent(
                AlertSource.ALERTMANAGER,
                alertStatus,
                status,
                labels.getOrDefault("alertname", ""),
                fingerprint,
                labels,
                annotations,
                startsAt,
                endsAt,
                resolved ? endsAt.orElse(startsAt) : startsAt,
                nonBlank(alert.generatorUrl()),
                Optional.empty(),
                Optional.empty(),
                nonBlank(annotations.get("summary")),
                deliveryId,
                warnings,
                json.text(node),
                Optional.of(group));
    }

    private static String deliveryKey(AlertmanagerMessage message, String groupKey, List<AlertEvent> events) {
        List<String> fields = new ArrayList<>();
        fields.add(message.receiver() == null ? "" : message.receiver());
        fields.add(groupKey);
        events.stream().map(AlertEvent::deliveryId).sorted().forEach(fields::add);
        return "alertmanager:" + DeliveryDigest.of(fields.toArray(String[]::new));
    }

    private static String truncationWarning(AlertmanagerMessage message) {
        return "Alertmanager left " + message.truncatedAlerts() + " alert(s) of group " + message.groupKey()
                + " out of this notification (max_alerts on receiver "
                + (message.receiver() == null ? "?" : "\"" + message.receiver() + "\"")
                + "): the bot cannot see them, and opens nothing for them until a notification carries them";
    }

    private static Optional<Instant> time(String text, String path) throws InvalidPayloadException {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(path + ": " + quote(text) + " is not an RFC 3339 time", e);
        }
        return instant.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(instant);
    }

    private static Map<String, String> noNullValues(Map<String, String> map, String path)
            throws InvalidPayloadException {
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getValue() == null) {
                throw new InvalidPayloadException(path + "." + entry.getKey() + ": null instead of a string");
            }
        }
        return map;
    }

    private static String required(String value, String path) throws InvalidPayloadException {
        if (value == null || value.isBlank()) {
            throw new InvalidPayloadException(path + ": missing");
        }
        return value;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}
