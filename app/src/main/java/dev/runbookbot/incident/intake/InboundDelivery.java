package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.NonBlank;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw delivery from outside (a webhook body, a Slack event), stored under its idempotency key before it is
 * acknowledged: Alertmanager's derived group key, PagerDuty's {@code X-Webhook-Id}, Slack's {@code event_id}. The same
 * key delivered again is a duplicate. {@code processedAt} stays empty until the worker has handled it, so deliveries
 * acknowledged just before a crash are handled after the restart.
 */
public record InboundDelivery(
        String key,
        String source,
        Instant receivedAt,
        String body,
        Optional<Instant> processedAt,
        Optional<String> outcome) {
    public InboundDelivery {
        NonBlank.require(key, "delivery key");
        NonBlank.require(source, "delivery source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(processedAt, "processedAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
