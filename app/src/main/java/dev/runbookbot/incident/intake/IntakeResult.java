package dev.runbookbot.incident.intake;

/** How {@link AlertIntake#accept} answered one webhook delivery; the webhook's HTTP status follows from it. */
public enum IntakeResult {
    /** Durably recorded for the first time; the work continues asynchronously. The webhook answers 200. */
    ACCEPTED,
    /**
     * This delivery key was recorded before (a sender's retry, a repeat notification, a replay): nothing new was
     * stored. The webhook answers 200, so the sender stops retrying.
     */
    DUPLICATE,
    /**
     * The store could not record it now (busy, or shutting down); nothing was stored. The webhook answers 503 with
     * {@code Retry-After}, which both Alertmanager and PagerDuty retry.
     */
    BUSY,
    /**
     * The storage under the store failed (the disk is full, the file cannot be written); nothing was stored. The
     * webhook answers 503 with {@code Retry-After}, so the sender retries until the storage is fixed.
     */
    STORE_UNAVAILABLE
}
