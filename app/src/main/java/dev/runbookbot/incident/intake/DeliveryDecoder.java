package dev.runbookbot.incident.intake;

import java.util.Set;

/**
 * Reads a stored delivery again: the alerts of a webhook body as its route mapped them when it arrived, rebuilt from
 * the delivery log after a restart (or after the worker queue was full) with the same mappers, so an acknowledged
 * delivery is handled exactly as if it had never waited. Pure and thread-safe.
 */
public interface DeliveryDecoder {
    /**
     * The delivery sources this decoder reads ({@code alertmanager}, {@code pagerduty}). Deliveries of other sources
     * in the same log (markers, Slack events) are none of the alert intake's business.
     */
    Set<String> sources();

    /** The alerts of {@code delivery}, or why its body cannot be read any more. Never throws for a bad body. */
    DecodedDelivery decode(InboundDelivery delivery);
}
