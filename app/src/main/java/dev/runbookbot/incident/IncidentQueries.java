package dev.runbookbot.incident;

import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.remediate.RemediationRun;
import java.util.List;
import java.util.Optional;

/**
 * Reading the incident record: what the CLI, App Home, and the renderers need. Every method sees committed data only,
 * one consistent snapshot per call.
 *
 * <p>Thread-safety: implementations are safe to call from any thread, concurrently with each other and with writes.
 * They throw {@link StoreBusyException} when no read connection frees up within the busy timeout, and {@link
 * StoreException} when the database cannot be read.
 */
public interface IncidentQueries {
    Optional<Incident> incident(IncidentId id);

    /** The open incident holding {@code dedupKey}, if any (at most one exists). */
    Optional<Incident> openIncidentByDedupKey(String dedupKey);

    /** Incidents newest first, at most {@code limit}; only open ones when {@code openOnly}. */
    List<Incident> incidents(boolean openOnly, int limit);

    /** The incidents of runbook {@code runbookId} opened before {@code before}, newest first, at most {@code limit}. */
    default List<Incident> incidentsOfRunbook(String runbookId, IncidentId before, int limit) {
        return incidents(false, Integer.MAX_VALUE).stream()
                .filter(i -> i.runbookId().equals(runbookId) && i.id().value() < before.value())
                .limit(limit)
                .toList();
    }

    /** How many incidents of runbook {@code runbookId} were opened before {@code before}. */
    default int incidentCount(String runbookId, IncidentId before) {
        return incidentsOfRunbook(runbookId, before, Integer.MAX_VALUE).size();
    }

    Optional<RemediationRun> run(RunId id);

    /** An incident's runs in the order they were proposed. */
    List<RemediationRun> runs(IncidentId incident);

    /** Every run waiting for approval, oldest first, with its Slack message to re-render. */
    List<RemediationRun> runsAwaitingApproval();

    /** Open, unacknowledged incidents with an escalation deadline, earliest deadline first. */
    List<Incident> pendingEscalations();

    /** An incident's timeline in time order ({@code at}, then storage order). Empty for an unknown incident. */
    List<TimelineEvent> timeline(IncidentId incident);

    /**
     * "Which actions keep needing a human": per action, how many automation events were {@link
     * AutomationResult#REQUIRES_MANUAL} or {@link AutomationResult#OVERRIDDEN}, most first (then by action). Actions that
     * never needed a person are left out.
     */
    List<OverrideCount> overrideReport();
}
