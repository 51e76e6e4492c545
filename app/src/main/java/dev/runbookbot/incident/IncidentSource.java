package dev.runbookbot.incident;

/** What opened an incident. */
public enum IncidentSource {
    /** An Alertmanager webhook; the dedup key is the alert's fingerprint. */
    ALERTMANAGER,
    /** A PagerDuty webhook; the dedup key is the PagerDuty incident id. */
    PAGERDUTY,
    /** {@code /runbook run ...} typed in Slack. */
    SLASH_COMMAND,
    /** {@code runbookctl} on a terminal. */
    CLI,
    /** A {@code metric_threshold} trigger the bot evaluates itself. */
    METRIC_THRESHOLD
}
