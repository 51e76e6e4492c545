package dev.runbookbot.incident;

/**
 * Where an incident stands, as the parent message in its thread shows it. Every state but {@link #RESOLVED} is open: an
 * open incident holds its dedup key, so a repeated alert joins it instead of opening another. {@link #NEEDS_ATTENTION}
 * is where an incident waits for a person after a remediation that did not help (failed, or its recovery check said
 * not recovered or could not tell); its escalation timer runs again unless someone took it.
 */
public enum IncidentState {
    OPEN,
    DIAGNOSING,
    AWAITING_APPROVAL,
    REMEDIATING,
    RESOLVED,
    ESCALATED,
    NEEDS_ATTENTION;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
