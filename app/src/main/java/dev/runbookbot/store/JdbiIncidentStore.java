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
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunChange;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * {@link IncidentStore} on SQLite or PostgreSQL ({@link StoreDatabase}) through Jdbi. Each method is one write
 * transaction (on SQLite the single writer's {@code BEGIN IMMEDIATE}): it reads the current row, applies {@link IncidentLifecycle} or {@link
 * RemediationLifecycle}, and writes the change as a compare-and-set ({@code UPDATE ... WHERE id = ? AND state = ? AND
 * version = ?}) together with its audit rows, its timeline entry and its automation event. Reads go to {@link
 * JdbiIncidentQueries}, the
 * runs' transitions to {@link JdbiRunTransitions}. On PostgreSQL, where replicas write side by side at READ COMMITTED,
 * the compare-and-set is what decides (a losing update matches no row and is refused as a conflict), and the unique
 * indexes (one open incident per dedup key, one run per attempt) make a concurrent duplicate fail and its transaction
 * run again, which then finds the winner's row. Thread-safe.
 */
public final class JdbiIncidentStore implements IncidentStore {
    private final StoreDatabase database;
    private final JdbiIncidentQueries queries;
    private final JdbiRunTransitions runs;
    private final Clock clock;

    public JdbiIncidentStore(StoreDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.queries = new JdbiIncidentQueries(database);
        this.runs = new JdbiRunTransitions(database);
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
            request.previousIncident().ifPresent(previous -> StoreRows.requireIncident(h, previous));
            Optional<IncidentId> previous = request.previousIncident().or(() -> request.dedupKey()
                    .flatMap(incidents::latestResolvedByDedupKey)
                    .map(IncidentId::new));
            IncidentChange change = IncidentLifecycle.open(
                    new IncidentId(database.dialect().nextId(h, "incident")), request, previous, now());
            incidents.insert(IncidentRow.of(change.after()));
            StoreRows.insertEvent(h, database.dialect(), change.event());
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
    public TransitionResult<Incident> handOff(
            IncidentId id, String runbookId, String runbookVersion, String reason, String detail) {
        return changeIncident(
                id,
                (incident, at) -> IncidentLifecycle.handOff(incident, runbookId, runbookVersion, reason, detail, at));
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
        return ConcurrentChange.decide(database, id, h -> {
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
                    throw new ConcurrentChange();
                }
                StoreRows.insertEvent(h, database.dialect(), change.event());
                for (RunChange cancel :
                        RunsOfEndedIncident.cancelOnEnd(change, JdbiIncidentQueries.runsOf(h, id), at)) {
                    runs.save(h, cancel);
                }
            }
            return result.map(IncidentChange::after);
        });
    }

    // ---- runs

    @Override
    public Recorded<RemediationRun> propose(NewRun request) {
        return runs.propose(request, now());
    }

    @Override
    public TransitionResult<RemediationRun> approve(RunId id, String approver, String reason) {
        return runs.approve(id, approver, reason, now());
    }

    @Override
    public TransitionResult<RemediationRun> reject(RunId id, String actor, String reason) {
        return runs.reject(id, actor, reason, now());
    }

    @Override
    public TransitionResult<RemediationRun> cancel(RunId id, String actor, String reason) {
        return runs.cancel(id, actor, reason, now());
    }

    @Override
    public TransitionResult<RemediationRun> start(RunId id, String actor, String worker, Duration timeout) {
        return runs.start(id, actor, worker, timeout, now());
    }

    @Override
    public TransitionResult<RemediationRun> finish(
            RunId id, RunState outcome, String actor, String reason, String output) {
        return runs.finish(id, outcome, actor, reason, output, now());
    }

    @Override
    public TransitionResult<RemediationRun> attachMessage(RunId id, ChatLocation message) {
        return runs.attachMessage(id, message);
    }

    @Override
    public List<RemediationRun> reap(Set<String> liveWorkers) {
        return runs.reap(liveWorkers, now());
    }

    @Override
    public RecoveryReport recover() {
        return runs.recover(now());
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
            event.runId().ifPresent(id -> StoreRows.requireRun(h, id));
            StoreRows.insertAutomation(h, event);
            return null;
        });
    }

    private TimelineEvent insertChecked(Handle h, NewTimelineEvent event) {
        if (!h.attach(IncidentDao.class).exists(event.incidentId().value())) {
            throw new IllegalArgumentException("no incident " + event.incidentId());
        }
        event.runId().ifPresent(id -> StoreRows.requireRun(h, id));
        return StoreRows.insertEvent(h, database.dialect(), event);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
