package dev.runbookbot.incident.intake;

/**
 * What an {@link AlertEvent} says happened, in the bot's words. Alertmanager only ever says {@link #FIRING} or
 * {@link #RESOLVED}; PagerDuty also acknowledges and reassigns, and sends many other event types ({@code
 * incident.priority_updated}, {@code incident.annotated}, ...): those are {@link #OTHER}, and the sender's own word
 * stays in {@link AlertEvent#eventType()}.
 */
public enum AlertStatus {
    /** Alertmanager {@code firing}; PagerDuty {@code incident.triggered}. */
    FIRING,
    /** Alertmanager {@code resolved}; PagerDuty {@code incident.resolved}. */
    RESOLVED,
    /** PagerDuty {@code incident.acknowledged}. */
    ACKNOWLEDGED,
    /** PagerDuty {@code incident.reassigned}. */
    REASSIGNED,
    /** Any other PagerDuty event type: recorded and shown, never opens an incident by itself. */
    OTHER
}
