package dev.runbookbot.alert.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.alert.InvalidPayloadException;
import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertSource;
import dev.runbookbot.incident.intake.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps a PagerDuty webhooks v3 body (already verified, see {@link PagerDutySignatureVerifier}) to one {@link
 * AlertEvent}.
 *
 * <ul>
 *   <li>Status: {@code incident.triggered} is {@link AlertStatus#FIRING}, {@code incident.acknowledged} {@link
 *       AlertStatus#ACKNOWLEDGED}, {@code incident.resolved} {@link AlertStatus#RESOLVED}, {@code incident.reassigned}
 *       {@link AlertStatus#REASSIGNED}; every other type ({@code incident.reopened}, {@code incident.priority_updated},
 *       {@code incident.annotated}, {@code service.updated}, ...) is {@link AlertStatus#OTHER}, recorded with its
 *       type.
 *   <li>Dedup key: the incident id ({@code data.id} of an incident, {@code data.incident.id} of an object that belongs
 *       to one, else {@code data.id}).
 *   <li>Labels (the run's template context): {@code service_id}, {@code service}, {@code urgency}, {@code priority},
 *       {@code incident_number}, {@code incident_key}, {@code incident_status}, each only when PagerDuty sent it.
 *       Annotations: {@code title}, {@code html_url}, {@code agent} and {@code assignees} (comma-separated names).
 *   <li>Times: {@code startsAt} is the incident's {@code created_at} (or {@code occurred_at} when absent), {@code
 *       endsAt} is {@code occurred_at} of a resolution, {@code occurredAt} is {@code occurred_at}.
 *   <li>Delivery key: {@code pagerduty:} and the {@code X-Webhook-Id} header (the same on every delivery attempt),
 *       or {@code event.id} when the header is absent (a body replayed from the delivery log, a test).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class PagerDutyMapper {
    private static final int MAX_WEBHOOK_ID_LENGTH = 200;

    private final JsonPayloadReader json;

    public PagerDutyMapper(JsonPayloadReader json) {
        this.json = json;
    }

    /** Reads and maps {@code body}; {@code webhookId} is the {@code X-Webhook-Id} header if there was one. */
    public MappedDelivery map(byte[] body, Optional<String> webhookId) throws InvalidPayloadException {
        JsonNode tree = json.tree(body, "PagerDuty webhook");
        if (!tree.has("event")) {
            throw new InvalidPayloadException(
                    tree.has("messages")
                            ? "event: missing; this is a PagerDuty v2 webhook ({\"messages\": [...]}), runbook-bot reads v3"
                                    + " webhook subscriptions only"
                            : "event: missing; a PagerDuty v3 webhook has one event object");
        }
        PagerDutyEvent event = json.convert(tree, PagerDutyWebhook.class, "").event();
        if (event == null) {
            throw new InvalidPayloadException("event: null instead of an object");
        }
        String eventId = required(event.id(), "event.id");
        String eventType = required(event.eventType(), "event.event_type");
        Instant occurredAt = time(required(event.occurredAt(), "event.occurred_at"), "event.occurred_at");
        PagerDutyEventData data = event.data();
        if (data == null) {
            throw new InvalidPayloadException("event.data: missing");
        }
        String incidentId = incidentId(data);
        AlertStatus status = status(eventType);
        Optional<String> title = nonBlank(data.title());
        Optional<PagerDutyReference> service = Optional.ofNullable(data.service());
        Instant startsAt = data.createdAt() == null || data.createdAt().isBlank()
                ? occurredAt
                : time(data.createdAt(), "event.data.created_at");
        String deliveryKey = "pagerduty:" + deliveryId(webhookId, eventId);
        AlertEvent alert = new AlertEvent(
                AlertSource.PAGERDUTY,
                status,
                eventType,
                title.orElse(data.number() == null ? "PagerDuty incident " + incidentId : "#" + data.number()),
                incidentId,
                labels(data),
                annotations(event, data),
                startsAt,
                status == AlertStatus.RESOLVED ? Optional.of(occurredAt) : Optional.empty(),
                occurredAt,
                nonBlank(data.htmlUrl()),
                service.map(PagerDutyReference::id).flatMap(PagerDutyMapper::nonBlank),
                service.map(PagerDutyReference::summary).flatMap(PagerDutyMapper::nonBlank),
                title,
                deliveryKey,
                List.of(),
                new String(body, StandardCharsets.UTF_8),
                Optional.empty());
        return new MappedDelivery(deliveryKey, List.of(alert), List.of());
    }

    /** The bot's meaning of a PagerDuty event type. */
    public static AlertStatus status(String eventType) {
        switch (eventType) {
            case "incident.triggered":
                return AlertStatus.FIRING;
            case "incident.acknowledged":
                return AlertStatus.ACKNOWLEDGED;
            case "incident.resolved":
                return AlertStatus.RESOLVED;
            case "incident.reassigned":
                return AlertStatus.REASSIGNED;
            default:
                return AlertStatus.OTHER;
        }
    }

    private static String incidentId(PagerDutyEventData data) throws InvalidPayloadException {
        if (!"incident".equals(data.type()) && data.incident() != null) {
            return required(data.incident().id(), "event.data.incident.id");
        }
        return required(data.id(), "event.data.id");
    }

    private static String deliveryId(Optional<String> webhookId, String eventId) throws InvalidPayloadException {
        if (webhookId.isEmpty() || webhookId.get().isBlank()) {
            return eventId;
        }
        String id = webhookId.get().trim();
        if (id.length() > MAX_WEBHOOK_ID_LENGTH || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidPayloadException("X-Webhook-Id: not an id (at most " + MAX_WEBHOOK_ID_LENGTH
                    + " printable ASCII characters without spaces)");
        }
        return id;
    }

    private static Map<String, String> labels(PagerDutyEventData data) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (data.service() != null) {
            put(labels, "service_id", data.service().id());
            put(labels, "service", data.service().summary());
        }
        put(labels, "urgency", data.urgency());
        if (data.priority() != null) {
            put(labels, "priority", data.priority().summary());
        }
        if (data.number() != null) {
            put(labels, "incident_number", Long.toString(data.number()));
        }
        put(labels, "incident_key", data.incidentKey());
        put(labels, "incident_status", data.status());
        return labels;
    }

    private static Map<String, String> annotations(PagerDutyEvent event, PagerDutyEventData data) {
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "title", data.title());
        put(annotations, "html_url", data.htmlUrl());
        if (event.agent() != null) {
            put(annotations, "agent", event.agent().summary());
        }
        String assignees = data.assignees().stream()
                .filter(a -> a != null && a.summary() != null && !a.summary().isBlank())
                .map(PagerDutyReference::summary)
                .collect(Collectors.joining(", "));
        put(annotations, "assignees", assignees);
        return annotations;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static Instant time(String text, String path) throws InvalidPayloadException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(path + ": \"" + shorten(text) + "\" is not an RFC 3339 time", e);
        }
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

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
