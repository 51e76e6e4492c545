package dev.runbookbot.alert;

import dev.runbookbot.incident.intake.AlertEvent;
import java.util.List;
import java.util.Objects;

/**
 * One webhook delivery, mapped: the idempotency key the delivery log stores it under (prefixed with its source, so
 * keys of different senders never collide), the alerts it carries, and what a person should know about it that is not
 * an alert (for example alerts the sender left out).
 */
public record MappedDelivery(String deliveryKey, List<AlertEvent> events, List<String> warnings) {
    public MappedDelivery {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        if (deliveryKey.isBlank()) {
            throw new IllegalArgumentException("deliveryKey must not be blank");
        }
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }
}
