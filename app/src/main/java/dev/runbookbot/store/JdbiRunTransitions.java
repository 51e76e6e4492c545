package dev.runbookbot.store;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.RecoveryReport;
import dev.runbookbot.incident.RunsOfEndedIncident;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunChange;
import dev.runbookbot.remediate.RunDeadlines;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The remediation runs' half of {@link JdbiIncidentStore}: propose, the approval decisions, start, finish, the reaper
 * and the restart recovery, each one write transaction that applies {@link RemediationLifecycle} to the run as read
 * inside it and saves the change as a compare-and-set on state and version, with its audit rows. Starting a run also
 * takes the dialect's target lock, so two replicas cannot both start a run on the same service and environment.
 * Thread-safe.
 */
final class JdbiRunTransitions {
    private final StoreDatabase database;

    JdbiRunTransitions(StoreDatabase database) {
        this.database = database;
    }

    Recorded<RemediationRun> propose(NewRun request, Instant at) {
        return database.write(h -> {
            Incident incident = StoreRows.requireIncident(h, request.incidentId());
            RunDao runs = h.attach(RunDao.class);
            Optional<Long> existing =
                    runs.findAttempt(request.incidentId().value(), request.remediationId(), request.attempt());
            if (existing.isPresent()) {
                return Recorded.existing(
                        JdbiIncidentQueries.loadRun(h, existing.get()).orElseThrow());
            }
            RunChange change = RemediationLifecycle.propose(
                    new RunId(database.dialect().nextId(h, "remediation_run")), request, at);
            runs.insert(RunRow.of(change.after(), 0));
            writeHistory(h, change);
            Optional<RunChange> cancelled = RunsOfEndedIncident.cancelIfEnded(incident, change.after(), at);
            cancelled.ifPresent(cancel -> save(h, cancel));
            return Recorded.created(cancelled.orElse(change).after());
        });
    }

    TransitionResult<RemediationRun> approve(RunId id, String approver, String reason, Instant now) {
        return changeRun(id, now, (h, run, at) -> {
            TransitionResult<RunChange> decision = RemediationLifecycle.approve(run, approver, reason, at);
            RemediationLifecycle.expiryAfterLateDecision(run, decision, at).ifPresent(expiry -> save(h, expiry));
            return decision;
        });
    }

    TransitionResult<RemediationRun> reject(RunId id, String actor, String reason, Instant now) {
        return changeRun(id, now, (h, run, at) -> {
            TransitionResult<RunChange> decision = RemediationLifecycle.reject(run, actor, reason, at);
            RemediationLifecycle.expiryAfterLateDecision(run, decision, at).ifPresent(expiry -> save(h, expiry));
            return decision;
        });
    }

    TransitionResult<RemediationRun> cancel(RunId id, String actor, String reason, Instant now) {
        return changeRun(id, now, (h, run, at) -> RemediationLifecycle.cancel(run, actor, reason, at));
    }

    TransitionResult<RemediationRun> start(RunId id, String actor, String worker, Duration timeout, Instant now) {
        return changeRun(id, now, (h, run, at) -> {
            Incident incident = StoreRows.requireIncident(h, run.incidentId());
            database.dialect().lockTarget(h, incident.service(), incident.environment());
            Optional<RemediationRun> runningOnTarget = h.attach(RunDao.class)
                    .runningOnTarget(incident.id().value(), run.id().value())
                    .flatMap(other -> JdbiIncidentQueries.loadRun(h, other));
            return RemediationLifecycle.start(run, incident.target(), runningOnTarget, actor, worker, timeout, at);
        });
    }

    TransitionResult<RemediationRun> finish(
            RunId id, RunState outcome, String actor, String reason, String output, Instant now) {
        return changeRun(id, now, (h, run, at) -> RemediationLifecycle.finish(run, outcome, actor, reason, output, at));
    }

    TransitionResult<RemediationRun> attachMessage(RunId id, ChatLocation message) {
        return ConcurrentChange.decide(database, id, h -> {
            Optional<RunRow> row = JdbiIncidentQueries.loadRunRow(h, id.value());
            if (row.isEmpty()) {
                return TransitionResult.refused(RefusalKind.NOT_FOUND, "no run " + id);
            }
            RemediationRun after = JdbiIncidentQueries.toRun(h, row.get()).withMessage(message);
            int updated = h.attach(RunDao.class)
                    .update(
                            RunRow.of(after, row.get().version()),
                            row.get().state(),
                            row.get().version());
            if (updated != 1) {
                throw new ConcurrentChange();
            }
            return TransitionResult.applied(after);
        });
    }

    List<RemediationRun> reap(Set<String> liveWorkers, Instant at) {
        Set<String> live = Set.copyOf(liveWorkers);
        return database.write(h -> {
            List<RemediationRun> changed = new ArrayList<>();
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.RUNNING)) {
                boolean alive = live.contains(run.worker().orElseThrow());
                saveIfApplied(h, RunDeadlines.reap(run, alive, at)).ifPresent(changed::add);
            }
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.PROPOSED)) {
                saveIfApplied(h, RemediationLifecycle.expire(run, at)).ifPresent(changed::add);
            }
            return changed;
        });
    }

    RecoveryReport recover(Instant at) {
        return database.write(h -> {
            List<RemediationRun> interrupted = new ArrayList<>();
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.RUNNING)) {
                saveIfApplied(h, RemediationLifecycle.interruptByRestart(run, at))
                        .ifPresent(interrupted::add);
            }
            List<RemediationRun> expired = new ArrayList<>();
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.PROPOSED)) {
                saveIfApplied(h, RemediationLifecycle.expire(run, at)).ifPresent(expired::add);
            }
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.PROPOSED)) {
                RunDeadlines.clampedDeadline(run, at).ifPresent(deadline -> h.attach(RunDao.class)
                        .moveApprovalDeadline(run.id().value(), deadline.toEpochMilli()));
            }
            return new RecoveryReport(
                    interrupted,
                    expired,
                    JdbiIncidentQueries.runsIn(h, RunState.PROPOSED),
                    JdbiIncidentQueries.runsIn(h, RunState.APPROVED),
                    h.attach(IncidentDao.class).pendingEscalations());
        });
    }

    /** A rule applied to a run as read inside the write transaction, with the transaction's handle and time. */
    @FunctionalInterface
    private interface RunRule {
        TransitionResult<RunChange> apply(Handle handle, RemediationRun run, Instant at);
    }

    private TransitionResult<RemediationRun> changeRun(RunId id, Instant at, RunRule rule) {
        return ConcurrentChange.decide(database, id, h -> {
            Optional<RunRow> row = JdbiIncidentQueries.loadRunRow(h, id.value());
            if (row.isEmpty()) {
                return TransitionResult.refused(RefusalKind.NOT_FOUND, "no run " + id);
            }
            TransitionResult<RunChange> result = rule.apply(h, JdbiIncidentQueries.toRun(h, row.get()), at);
            if (result instanceof TransitionResult.Applied<RunChange> applied && !save(h, applied.value())) {
                throw new ConcurrentChange();
            }
            return result.map(RunChange::after);
        });
    }

    private Optional<RemediationRun> saveIfApplied(Handle h, TransitionResult<RunChange> result) {
        return result.appliedValue().filter(change -> save(h, change)).map(RunChange::after);
    }

    /** Writes a change to an existing run as a compare-and-set; false (and nothing written) if the row moved on. */
    boolean save(Handle h, RunChange change) {
        RemediationRun before = change.before().orElseThrow();
        RunDao runs = h.attach(RunDao.class);
        RunRow current = runs.find(before.id().value()).orElseThrow();
        int updated = runs.update(
                RunRow.of(change.after(), current.version()), before.state().name(), current.version());
        if (updated != 1) {
            return false;
        }
        writeHistory(h, change);
        return true;
    }

    /** The audit rows of a change: approval, transitions, timeline entry, automation event. */
    private void writeHistory(Handle h, RunChange change) {
        RunDao runs = h.attach(RunDao.class);
        long runId = change.after().id().value();
        Optional<Approval> approval = change.approval();
        approval.ifPresent(a -> runs.insertApproval(runId, a.approver(), a.at().toEpochMilli(), a.reason()));
        for (RunTransition t : change.transitions()) {
            runs.insertTransition(
                    runId,
                    t.from().map(RunState::name).orElse(null),
                    t.to().name(),
                    t.actor(),
                    t.at().toEpochMilli(),
                    t.reason());
        }
        StoreRows.insertEvent(h, database.dialect(), change.event());
        if (change.automation().isPresent()) {
            change.automationEvent(StoreRows.requireIncident(h, change.after().incidentId())
                            .target())
                    .ifPresent(event -> StoreRows.insertAutomation(h, event));
        }
    }
}
