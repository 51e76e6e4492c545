package dev.runbookbot.incident.intake;

import java.util.List;
import java.util.Optional;

/**
 * The port through which the webhooks hand alerts to the core. The web routes parse, authenticate and verify a
 * delivery, map it to {@link AlertEvent}s and call {@link #accept}; everything else (dedup by fingerprint, runbook
 * matching, opening the Slack thread, diagnostics) happens after the answer, on the core's own executors.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@code accept} returns only after {@code rawBody} is durably recorded under {@code deliveryKey} (the store's
 *       delivery log), so a 2xx the sender received is never lost, even if the process dies right after. It must not
 *       do the work itself: it records, hands off, and returns, in milliseconds.
 *   <li>A {@code deliveryKey} recorded before is answered {@link IntakeResult#DUPLICATE} and changes nothing. Keys are
 *       prefixed with their source ({@code alertmanager:...}, {@code pagerduty:...}) by the mappers.
 *   <li>When the store is busy or shutting down it returns {@link IntakeResult#BUSY}, and when the storage fails (a full disk)
 *       {@link IntakeResult#STORE_UNAVAILABLE}, having recorded nothing, rather than throwing. Any exception it throws is treated as a bug and answered with a 500, which the senders retry
 *       too.
 *   <li>{@code events} may be empty (an Alertmanager group with no alerts left in it): the delivery is still recorded.
 *       After a restart the worker can rebuild the events from the recorded body with the same mappers.
 * </ul>
 *
 * <p>Thread-safe: the web server calls it concurrently from its request threads.
 */
public interface AlertIntake {
    IntakeResult accept(List<AlertEvent> events, String rawBody, String deliveryKey);

    /**
     * The answer to a delivery whose key this intake knows without asking the store (one it recorded, or saw recorded,
     * a moment ago): {@link IntakeResult#DUPLICATE}, or {@link IntakeResult#BUSY} once closed. Empty when it does not
     * know: then the delivery goes through {@link #accept}. Lets a route answer a byte-identical re-send without mapping
     * it again; returns in microseconds and never writes.
     */
    default Optional<IntakeResult> known(String deliveryKey) {
        return Optional.empty();
    }
}
