package dev.runbookbot.remediate;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The part of the incident record that remediation reads and writes: runs, what it may know of their incidents, the
 * timeline and the automation events. The incident store implements it; the contract (one transaction per method,
 * compare-and-set transitions, refusals as values, thread-safe) is the incident store's.
 */
public interface RunStore {
    Optional<RemediationRun> run(RunId id);

    /** An incident's runs in the order they were proposed (what {@code after} orderings are checked against). */
    List<RemediationRun> runs(IncidentId incident);

    /** The incident a run belongs to, as remediation sees it; empty for an unknown id. */
    Optional<RemediationTarget> target(IncidentId id);

    TransitionResult<RemediationRun> reject(RunId id, String actor, String reason);

    /**
     * Cancels a run that still waits to run (proposed or approved) and must not run any more, such as one whose {@code
     * require} no longer held when it was about to start: it becomes {@link RunState#CANCELLED}, final, with {@code
     * reason}, so no later click can run it on its old approval.
     */
    TransitionResult<RemediationRun> cancel(RunId id, String actor, String reason);

    /**
     * Starts an approved run on {@code worker}, with a deadline of now + {@code timeout} (the step's timeout plus
     * grace). Refused with {@link RefusalKind#TARGET_BUSY} while another run for the same service and environment is
     * running.
     */
    TransitionResult<RemediationRun> start(RunId id, String actor, String worker, Duration timeout);

    /** Records a running run's result, {@link RunState#SUCCEEDED} or {@link RunState#FAILED}, with its output. */
    TransitionResult<RemediationRun> finish(RunId id, RunState outcome, String actor, String reason, String output);

    TimelineEvent append(NewTimelineEvent event);

    void record(AutomationEvent event);
}
