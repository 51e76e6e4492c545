package dev.runbookbot.incident.intake;

import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as a webhook delivered it, mapped to the bot's terms. An Alertmanager notification carries a whole group
 * and becomes one event per alert; a PagerDuty webhook carries one event.
 *
 * <ul>
 *   <li>{@code eventType}: the sender's own word ({@code firing}, {@code resolved}, {@code incident.triggered}, {@code
 *       incident.priority_updated}, ...); {@code status} is its meaning for the bot.
 *   <li>{@code alertName}: Alertmanager's {@code alertname} label (empty if the alert has none); PagerDuty's incident
 *       title.
 *   <li>{@code dedupKey}: what identifies the alert across notifications. Alertmanager: the alert's {@code
 *       fingerprint}, or, from versions that do not send it, the same fingerprint computed from the label set. PagerDuty:
 *       the incident id.
 *   <li>{@code labels}, {@code annotations}: the run's template context ({@code {{ labels.x }}}), sorted by name.
 *       Alertmanager's own; for PagerDuty the incident's attributes (see the PagerDuty mapper).
 *   <li>{@code startsAt}, {@code endsAt}: when the alert started and, once resolved, ended. Alertmanager's zero time
 *       ({@code 0001-01-01T00:00:00Z}) is "not set". {@code occurredAt} is when the sender says this change happened
 *       (firing: the start; resolved: the end; PagerDuty: {@code occurred_at}); compare it, not the arrival order.
 *   <li>{@code generatorUrl}: Alertmanager's {@code generatorURL}; PagerDuty's incident {@code html_url}.
 *   <li>{@code serviceId}, {@code serviceName}: PagerDuty's service (runbooks map PagerDuty incidents by either).
 *   <li>{@code title}: a one-line title if the sender has one: PagerDuty's incident title, Alertmanager's {@code
 *       summary} annotation.
 *   <li>{@code deliveryId}: identifies this alert in this delivery, stable across the sender's retries. PagerDuty: the
 *       {@code X-Webhook-Id} (or {@code event.id}); Alertmanager has no delivery id, so it is derived from the group
 *       key, fingerprint, status and start (and end, once resolved).
 *   <li>{@code warnings}: what the bot could not see and a person should know, worth a timeline line (for example
 *       alerts Alertmanager left out of the notification because of {@code max_alerts}).
 *   <li>{@code rawJson}: the alert's JSON as received, kept for the record.
 *   <li>{@code group}: Alertmanager's group of the notification (every alert of a notification has the same); one
 *       group is one incident. Empty for PagerDuty, whose incidents are their own unit.
 * </ul>
 */
public record AlertEvent(
        AlertSource source,
        AlertStatus status,
        String eventType,
        String alertName,
        String dedupKey,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Optional<Instant> endsAt,
        Instant occurredAt,
        Optional<String> generatorUrl,
        Optional<String> serviceId,
        Optional<String> serviceName,
        Optional<String> title,
        String deliveryId,
        List<String> warnings,
        String rawJson,
        Optional<AlertGroup> group) {
    public AlertEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        requireText(eventType, "eventType");
        Objects.requireNonNull(alertName, "alertName");
        requireText(dedupKey, "dedupKey");
        labels = sorted(labels, "labels");
        annotations = sorted(annotations, "annotations");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(title, "title");
        requireText(deliveryId, "deliveryId");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(rawJson, "rawJson");
        Objects.requireNonNull(group, "group");
    }

    /** The runbook that handles it: by alert name and labels, or by PagerDuty service. */
    public Optional<RunbookSpec> runbookIn(Catalog catalog) {
        return source.runbookFor(this, catalog);
    }

    /** How a message names it: {@code alert HighLatency (fingerprint 3f2a)}, {@code PagerDuty incident Q1 on service api}. */
    public String describe() {
        return source.describe(this);
    }

    /** The sentence the thread gets when it resolves. */
    public String resolution() {
        return source.resolution(this);
    }

    /** What a runbook needs so that an alert like this one is handled. */
    public String howToHandle() {
        return source.howToHandle(this);
    }

    /** {@code " by <agent>"} when the sender said who acted (a PagerDuty agent), else empty. */
    public String agent() {
        return Optional.ofNullable(annotations.get("agent"))
                .map(agent -> " by " + agent)
                .orElse("");
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static Map<String, String> sorted(Map<String, String> map, String what) {
        Objects.requireNonNull(map, what);
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
