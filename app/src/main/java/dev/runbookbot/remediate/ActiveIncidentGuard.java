package dev.runbookbot.remediate;

/**
 * Nothing runs on an incident that has ended: once it is resolved (by its alert, or closed by a person) its pending
 * runs are cancelled, and a run that slipped past that (approved a moment before the incident ended) is refused here,
 * with the incident as stored at the moment of execution. The store checks the same again, inside the transaction that
 * starts the run, so an incident that ends between this guard and the start still stops it. Stateless and thread-safe.
 */
public final class ActiveIncidentGuard implements Guard {
    @Override
    public GuardDecision check(GuardContext context) {
        RemediationTarget incident = context.incident();
        if (incident.open()) {
            return GuardDecision.allow();
        }
        return GuardDecision.refuse(context.run().label() + " cannot run: " + incident.endedSince()
                + ", and nothing runs on an incident that has ended");
    }
}
