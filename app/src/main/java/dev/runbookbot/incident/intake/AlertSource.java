package dev.runbookbot.incident.intake;

/** Which webhook an {@link AlertEvent} came in through. */
public enum AlertSource {
    /** Prometheus Alertmanager, webhook payload version 4. */
    ALERTMANAGER,
    /** PagerDuty webhooks v3 (one event per delivery). */
    PAGERDUTY
}
