package dev.runbookbot.store;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentChange;
import dev.runbookbot.incident.IncidentLifecycle;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.RecoveryReport;
import dev.runbookbot.incident.RunsOfEndedIncident;
import dev.runbookbot.incident.intake.InboundDelivery;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunChange;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * {@link IncidentStore} on SQLite through Jdbi. Each method is one write transaction on the database's single writer
 * ({@code BEGIN IMMEDIATE}): it reads the current row, applies {@link IncidentLifecycle} or {@link
 * RemediationLifecycle}, and writes the change as a compare-and-set ({@code UPDATE ... WHERE id = ? AND state = ? AND
 * version = ?}) together with its audit rows, its timeline entry and its automation event. Reads go to {@link
 * JdbiIncidentQueries}. Thread-safe.
 */
public final class JdbiIncidentStore implements IncidentStore {
    private final SqliteDatabase database;
    private final JdbiIncidentQueries queries;
    private final Clock clock;

    public JdbiIncidentStore(SqliteDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.queries = new JdbiIncidentQueries(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- reads

    @Override
    public Optional<Incident> incident(IncidentId id) {
        return queries.incident(id);
    }

    @Override
    public Optional<Incident> openIncidentByDedupKey(String dedupKey) {
        return queries.openIncidentByDedupKey(dedupKey);
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        return queries.incidents(openOnly, limit);
    }

    @Override
    public Optional<RemediationRun> run(RunId id) {
        return queries.run(id);
    }

    @Override
    public List<Incident> incidentsOfRunbook(String runbookId, IncidentId before, int limit) {
        return queries.incidentsOfRunbook(runbookId, before, limit);
    }

    @Override
    public int incidentCount(String runbookId, IncidentId before) {
        return queries.incidentCount(runbookId, before);
    }

    @Override
    public List<RemediationRun> runs(IncidentId incident) {
        return queries.runs(incident);
    }

    @Override
    public List<RemediationRun> runsAwaitingApproval() {
        return queries.runsAwaitingApproval();
    }

    @Override
    public List<Incident> pendingEscalations() {
        return queries.pendingEscalations();
    }

    @Override
    public List<TimelineEvent> timeline(IncidentId incident) {
        return queries.timeline(incident);
    }

    @Override
    public List<OverrideCount> overrideReport() {
        return queries.overrideReport();
    }

    // ---- deliveries

    @Override
    public Recorded<InboundDelivery> recordDelivery(String key, String source, String body) {
        InboundDelivery delivery = new InboundDelivery(key, source, now(), body, Optional.empty(), Optional.empty());
        return database.write(h -> {
            DeliveryDao deliveries = h.attach(DeliveryDao.class);
            int inserted = deliveries.insert(key, source, delivery.receivedAt().toEpochMilli(), body);
            return inserted == 1
                    ? Recorded.created(delivery)
                    : Recorded.existing(deliveries.find(key).orElseThrow());
        });
    }

    @Override
    public List<InboundDelivery> unprocessedDeliveries(int limit) {
        return database.read(h -> h.attach(DeliveryDao.class).unprocessed(limit));
    }

    @Override
    public boolean markDeliveryProcessed(String key, String outcome) {
        long at = now().toEpochMilli();
        return database.write(h -> h.attach(DeliveryDao.class).markProcessed(key, at, outcome) == 1);
    }

    // ---- incidents

    @Override
    public Recorded<Incident> open(NewIncident request) {
        return database.write(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            if (request.dedupKey().isPresent()) {
                Optional<Incident> open =
                        incidents.findOpenByDedupKey(request.dedupKey().get());
                if (open.isPresent()) {
                    return Recorded.existing(open.get());
                }
            }
            request.previousIncident().ifPresent(previous -> requireIncident(h, previous));
            Optional<IncidentId> previous = request.previousIncident().or(() -> request.dedupKey()
                    .flatMap(incidents::latestResolvedByDedupKey)
                    .map(IncidentId::new));
            IncidentChange change =
                    IncidentLifecycle.open(new IncidentId(incidents.nextId()), request, previous, now());
            incidents.insert(IncidentRow.of(change.after()));
            insertEvent(h, change.event());
            return Recorded.created(change.after());
        });
    }

    @Override
    public TransitionResult<Incident> moveTo(IncidentId id, IncidentState to, String actor, String reason) {
        return changeIncident(id, (incident, at) -> IncidentLifecycle.moveTo(incident, to, actor, reason, at));
    }

    @Override
    public TransitionResult<Incident> reopen(IncidentId id, String actor, String reason) {
        return changeIncident(
                id,
                (h, incident, at) -> IncidentLifecycle.reopen(
                        incident,
                        incident.dedupKey()
                                .flatMap(key -> h.attach(IncidentDao.class).findOpenByDedupKey(key)),
                        actor,
                        reason,
                        at));
    }

    @Override
    public TransitionResult<Incident> afterRemediation(
            IncidentId id, boolean recovered, Duration escalateAfter, String reason) {
        return changeIncident(
                id,
                (incident, at) -> IncidentLifecycle.afterRemediation(incident, recovered, escalateAfter, reason, at));
    }

    @Override
    public TransitionResult<Incident> acknowledge(IncidentId id, String actor) {
        return changeIncident(id, (incident, at) -> IncidentLifecycle.acknowledge(incident, actor, at));
    }

    @Override
    public TransitionResult<Incident> escalate(IncidentId id, String actor, String reason) {
        return changeIncident(id, (incident, at) -> IncidentLifecycle.escalate(incident, actor, reason, at));
    }

    @Override
    public TransitionResult<Incident> attachThread(IncidentId id, ChatLocation thread) {
        return changeIncident(id, (incident, at) -> IncidentLifecycle.attachThread(incident, thread, at));
    }

    private TransitionResult<Incident> changeIncident(
            IncidentId id, BiFunction<Incident, Instant, TransitionResult<IncidentChange>> rule) {
        return changeIncident(id, (h, incident, at) -> rule.apply(incident, at));
    }

    /** A rule that also reads other rows, inside the same transaction. */
    private interface IncidentRule {
        TransitionResult<IncidentChange> apply(org.jdbi.v3.core.Handle h, Incident incident, Instant at);
    }

    private TransitionResult<Incident> changeIncident(IncidentId id, IncidentRule rule) {
        Instant at = now();
        return database.write(h -> {
            IncidentDao incidents = h.attach(IncidentDao.class);
            Optional<Incident> incident = incidents.find(id.value());
            if (incident.isEmpty()) {
                return TransitionResult.refused(RefusalKind.NOT_FOUND, "no incident " + id);
            }
            long version = incidents.version(id.value());
            TransitionResult<IncidentChange> result = rule.apply(h, incident.get(), at);
            if (result instanceof TransitionResult.Applied<IncidentChange> applied) {
                IncidentChange change = applied.value();
                int updated = incidents.update(
                        IncidentRow.of(change.after()), incident.get().state().name(), version);
                if (updated != 1) {
                    return TransitionResult.refused(
                            RefusalKind.CONFLICT, id + " changed while this request was handled; look again");
                }
                insertEvent(h, change.event());
                for (RunChange cancel :
                        RunsOfEndedIncident.cancelOnEnd(change, JdbiIncidentQueries.runsOf(h, id), at)) {
                    save(h, cancel);
                }
            }
            return result.map(IncidentChange::after);
        });
    }

    // ---- runs

    @Override
    public Recorded<RemediationRun> propose(NewRun request) {
        Instant at = now();
        return database.write(h -> {
            Incident incident = requireIncident(h, request.incidentId());
            RunDao runs = h.attach(RunDao.class);
            Optional<Long> existing =
                    runs.findAttempt(request.incidentId().value(), request.remediationId(), request.attempt());
            if (existing.isPresent()) {
                return Recorded.existing(
                        JdbiIncidentQueries.loadRun(h, existing.get()).orElseThrow());
            }
            RunChange change = RemediationLifecycle.propose(new RunId(runs.nextId()), request, at);
            runs.insert(RunRow.of(change.after(), 0));
            writeHistory(h, change);
            Optional<RunChange> cancelled = RunsOfEndedIncident.cancelIfEnded(incident, change.after(), at);
            cancelled.ifPresent(cancel -> save(h, cancel));
            return Recorded.created(cancelled.orElse(change).after());
        });
    }

    @Override
    public TransitionResult<RemediationRun> approve(RunId id, String approver, String reason) {
        return changeRun(id, (h, run, at) -> {
            TransitionResult<RunChange> decision = RemediationLifecycle.approve(run, approver, reason, at);
            RemediationLifecycle.expiryAfterLateDecision(run, decision, at).ifPresent(expiry -> save(h, expiry));
            return decision;
        });
    }

    @Override
    public TransitionResult<RemediationRun> reject(RunId id, String actor, String reason) {
        return changeRun(id, (h, run, at) -> {
            TransitionResult<RunChange> decision = RemediationLifecycle.reject(run, actor, reason, at);
            RemediationLifecycle.expiryAfterLateDecision(run, decision, at).ifPresent(expiry -> save(h, expiry));
            return decision;
        });
    }

    @Override
    public TransitionResult<RemediationRun> start(RunId id, String actor, String worker, Duration timeout) {
        return changeRun(id, (h, run, at) -> {
            Incident incident = requireIncident(h, run.incidentId());
            Optional<RemediationRun> runningOnTarget = h.attach(RunDao.class)
                    .runningOnTarget(incident.id().value(), run.id().value())
                    .flatMap(other -> JdbiIncidentQueries.loadRun(h, other));
            return RemediationLifecycle.start(run, incident.target(), runningOnTarget, actor, worker, timeout, at);
        });
    }

    @Override
    public TransitionResult<RemediationRun> finish(
            RunId id, RunState outcome, String actor, String reason, String output) {
        return changeRun(id, (h, run, at) -> RemediationLifecycle.finish(run, outcome, actor, reason, output, at));
    }

    @Override
    public TransitionResult<RemediationRun> attachMessage(RunId id, ChatLocation message) {
        return database.write(h -> {
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
                return TransitionResult.refused(
                        RefusalKind.CONFLICT, id + " changed while this request was handled; look again");
            }
            return TransitionResult.applied(after);
        });
    }

    @Override
    public List<RemediationRun> reap(Set<String> liveWorkers) {
        Set<String> live = Set.copyOf(liveWorkers);
        Instant at = now();
        return database.write(h -> {
            List<RemediationRun> changed = new ArrayList<>();
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.RUNNING)) {
                boolean alive = live.contains(run.worker().orElseThrow());
                saveIfApplied(h, RemediationLifecycle.reap(run, alive, at)).ifPresent(changed::add);
            }
            for (RemediationRun run : JdbiIncidentQueries.runsIn(h, RunState.PROPOSED)) {
                saveIfApplied(h, RemediationLifecycle.expire(run, at)).ifPresent(changed::add);
            }
            return changed;
        });
    }

    @Override
    public RecoveryReport recover() {
        Instant at = now();
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
                RemediationLifecycle.clampedDeadline(run, at).ifPresent(deadline -> h.attach(RunDao.class)
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

    private TransitionResult<RemediationRun> changeRun(RunId id, RunRule rule) {
        Instant at = now();
        return database.write(h -> {
            Optional<RunRow> row = JdbiIncidentQueries.loadRunRow(h, id.value());
            if (row.isEmpty()) {
                return TransitionResult.refused(RefusalKind.NOT_FOUND, "no run " + id);
            }
            TransitionResult<RunChange> result = rule.apply(h, JdbiIncidentQueries.toRun(h, row.get()), at);
            if (result instanceof TransitionResult.Applied<RunChange> applied && !save(h, applied.value())) {
                return TransitionResult.refused(
                        RefusalKind.CONFLICT, id + " changed while this request was handled; look again");
            }
            return result.map(RunChange::after);
        });
    }

    private Optional<RemediationRun> saveIfApplied(Handle h, TransitionResult<RunChange> result) {
        return result.appliedValue().filter(change -> save(h, change)).map(RunChange::after);
    }

    /** Writes a change to an existing run as a compare-and-set; false (and nothing written) if the row moved on. */
    private boolean save(Handle h, RunChange change) {
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
        insertEvent(h, change.event());
        if (change.automation().isPresent()) {
            change.automationEvent(
                            requireIncident(h, change.after().incidentId()).target())
                    .ifPresent(event -> insertAutomation(h, event));
        }
    }

    // ---- timeline and automation

    @Override
    public TimelineEvent append(NewTimelineEvent event) {
        return database.write(h -> insertChecked(h, event));
    }

    @Override
    public List<TimelineEvent> appendAll(List<NewTimelineEvent> events) {
        List<NewTimelineEvent> copy = List.copyOf(events);
        return database.write(h -> copy.stream().map(e -> insertChecked(h, e)).toList());
    }

    @Override
    public void record(AutomationEvent event) {
        database.write(h -> {
            event.incidentId().ifPresent(id -> {
                if (!h.attach(IncidentDao.class).exists(id.value())) {
                    throw new IllegalArgumentException("no incident " + id);
                }
            });
            event.runId().ifPresent(id -> requireRun(h, id));
            insertAutomation(h, event);
            return null;
        });
    }

    private TimelineEvent insertChecked(Handle h, NewTimelineEvent event) {
        if (!h.attach(IncidentDao.class).exists(event.incidentId().value())) {
            throw new IllegalArgumentException("no incident " + event.incidentId());
        }
        event.runId().ifPresent(id -> requireRun(h, id));
        return insertEvent(h, event);
    }

    private static TimelineEvent insertEvent(Handle h, NewTimelineEvent event) {
        TimelineDao timeline = h.attach(TimelineDao.class);
        NewTimelineEvent stored = new NewTimelineEvent(
                event.incidentId(),
                event.runId(),
                event.at().truncatedTo(ChronoUnit.MILLIS),
                event.kind(),
                event.actor(),
                event.summary(),
                event.detail());
        timeline.insert(
                stored.incidentId().value(),
                stored.runId().map(RunId::value).orElse(null),
                stored.at().toEpochMilli(),
                stored.kind().name(),
                stored.actor(),
                stored.summary(),
                stored.detail());
        return TimelineEvent.stored(timeline.lastId(), stored);
    }

    private static void insertAutomation(Handle h, AutomationEvent event) {
        h.attach(AutomationDao.class)
                .insert(
                        event.incidentId().map(IncidentId::value).orElse(null),
                        event.runId().map(RunId::value).orElse(null),
                        event.at().toEpochMilli(),
                        event.service(),
                        event.environment(),
                        event.action(),
                        event.result().label(),
                        event.actor(),
                        event.detail());
    }

    private static Incident requireIncident(Handle h, IncidentId id) {
        return h.attach(IncidentDao.class)
                .find(id.value())
                .orElseThrow(() -> new IllegalArgumentException("no incident " + id));
    }

    private static void requireRun(Handle h, RunId id) {
        if (!h.attach(RunDao.class).exists(id.value())) {
            throw new IllegalArgumentException("no run " + id);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
