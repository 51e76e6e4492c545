package dev.runbookbot.incident;

/**
 * Where an incident stands, as the parent message in its thread shows it. Every state but {@link #RESOLVED} is open: an
 * open incident holds its dedup key, so a repeated alert joins it instead of opening another.
 */
public enum IncidentState {
    OPEN,
    DIAGNOSING,
    AWAITING_APPROVAL,
    REMEDIATING,
    RESOLVED,
    ESCALATED;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
