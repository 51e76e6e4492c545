package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.intake.DeliveryLog;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RemediationTarget;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunStore;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The incident record: incidents, remediation runs with their approvals and audit trail, the timeline, automation
 * events and the inbox of deliveries. The lifecycle rules live in {@link IncidentLifecycle} and {@link
 * RemediationLifecycle}; a store applies them to the record as it is at that moment and writes the result.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Each method is one transaction: the change, its audit trail (run transitions, approvals) and its timeline
 *       entry are all stored, or nothing is. A method that returns has committed.
 *   <li>A transition is a compare-and-set against the state read in the same transaction: of two concurrent requests
 *       for the same transition exactly one is applied, the other is refused.
 *   <li>Repeated requests produce one record: the same dedup key while an incident is open, the same run attempt, the
 *       same delivery key; a repeated transition is refused as {@link RefusalKind#ALREADY_DONE}.
 *   <li>Times come from the store's clock and are kept to the millisecond. Deadlines are stored as absolute instants.
 *   <li>Unknown ids in transitions are refused ({@link RefusalKind#NOT_FOUND}); unknown incidents in creates are a bug
 *       in the caller ({@link IllegalArgumentException}).
 * </ul>
 *
 * <p>Thread-safety: safe to call from any thread. Writes are serialised (one writer); reads run concurrently with
 * them. {@link StoreBusyException} means the write could not start within the busy timeout and nothing changed (a
 * webhook answers 503); other {@link StoreException}s mean the database is unusable. Exception messages never contain
 * stored or bound values.
 */
public interface IncidentStore extends IncidentQueries, DeliveryLog, RunStore {
    /** What remediation knows of an incident (the remediation pipeline reads it through {@link RunStore}). */
    @Override
    default Optional<RemediationTarget> target(IncidentId id) {
        return incident(id).map(Incident::target);
    }

    /**
     * Opens an incident, or returns the open incident that already holds its dedup key ({@link Recorded#duplicate()}).
     * Links the latest resolved incident with the same key when the request names no previous incident.
     */
    Recorded<Incident> open(NewIncident request);

    /** Moves an incident to another state (see {@link IncidentLifecycle#moveTo}), recording who and why. */
    TransitionResult<Incident> moveTo(IncidentId id, IncidentState to, String actor, String reason);

    /**
     * Reopens a resolved incident (see {@link IncidentLifecycle#reopen}), refused while another open incident holds its
     * dedup key; the check and the change are one transaction.
     */
    TransitionResult<Incident> reopen(IncidentId id, String actor, String reason);

    /** A remediation ended and nothing else runs (see {@link IncidentLifecycle#afterRemediation}). */
    TransitionResult<Incident> afterRemediation(
            IncidentId id, boolean recovered, Duration escalateAfter, String reason);

    /** "I'm on it": records the first acknowledgement and stops the escalation timer. */
    TransitionResult<Incident> acknowledge(IncidentId id, String actor);

    /** The escalation timer fired: escalates once if still due (see {@link IncidentLifecycle#escalate}). */
    TransitionResult<Incident> escalate(IncidentId id, String actor, String reason);

    /**
     * A hand-off: the open incident continues under another runbook (see {@link IncidentLifecycle#handOff}), recorded
     * on the timeline with {@code detail} (JSON).
     */
    TransitionResult<Incident> handOff(
            IncidentId id, String runbookId, String runbookVersion, String reason, String detail);

    /** Records where the incident's Slack thread is (set once). */
    TransitionResult<Incident> attachThread(IncidentId id, ChatLocation thread);

    /**
     * Proposes a run, or returns the run already proposed for the same incident, remediation and attempt. A run needing
     * no approval is stored already approved.
     */
    Recorded<RemediationRun> propose(NewRun request);

    /** One person's approval; the N-th distinct one approves the run. See {@link RemediationLifecycle#approve}. */
    TransitionResult<RemediationRun> approve(RunId id, String approver, String reason);

    /** Records the Slack message that shows the run (may change when the message is re-posted). */
    TransitionResult<RemediationRun> attachMessage(RunId id, ChatLocation message);

    /**
     * The reaper, for a timer: running runs whose worker is not in {@code liveWorkers} become {@link
     * RunState#INTERRUPTED}; running runs past their deadline become {@link RunState#FAILED}; proposals past their
     * approval deadline become {@link RunState#EXPIRED}. Returns the changed runs, for the caller to say so in their
     * threads.
     */
    List<RemediationRun> reap(Set<String> liveWorkers);

    /**
     * Restart recovery, called once by the bot at start-up before it accepts work (never by a CLI reading the same
     * file): every running run becomes {@link RunState#INTERRUPTED} (never re-run automatically), expired proposals
     * become {@link RunState#EXPIRED}; the report also lists what is still approvable and the escalations to schedule.
     */
    RecoveryReport recover();

    /** Appends several entries in one transaction, in order. */
    List<TimelineEvent> appendAll(List<NewTimelineEvent> events);
}
