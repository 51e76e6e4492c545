package dev.runbookbot.incident.intake;

import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.Recorded;
import java.util.List;

/**
 * The durable inbox: every delivery from outside is stored under its idempotency key before it is acknowledged, so a
 * redelivery is recognised and nothing acknowledged is lost. Thread-safe; see {@link IncidentStore} for the write
 * discipline and the exceptions.
 */
public interface DeliveryLog {
    /**
     * Stores a delivery unless its key is already stored. A duplicate is answered with the first delivery and changes
     * nothing. The received time is the store's clock.
     */
    Recorded<InboundDelivery> recordDelivery(String key, String source, String body);

    /** Deliveries stored but not yet processed, oldest first, at most {@code limit}. */
    List<InboundDelivery> unprocessedDeliveries(int limit);

    /** Marks a delivery processed with a short outcome ("opened INC-4", "duplicate of INC-3"). False if unknown or done. */
    boolean markDeliveryProcessed(String key, String outcome);
}
