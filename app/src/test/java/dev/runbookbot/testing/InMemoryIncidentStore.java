package dev.runbookbot.testing;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
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
import dev.runbookbot.remediate.RunDeadlines;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An {@link IncidentStore} in memory, for tests of the code that drives the store (Slack, webhooks, the orchestrator).
 * It applies the same lifecycle rules as the SQLite store and passes the same contract test, so what a test sees here
 * it would see with the real store. Thread-safe: every method holds the store's monitor, which also makes each method
 * one atomic change.
 */
public final class InMemoryIncidentStore implements IncidentStore {
    private final Clock clock;
    private final TreeMap<Long, Incident> incidents = new TreeMap<>();
    private final TreeMap<Long, RemediationRun> runs = new TreeMap<>();
    private final List<TimelineEvent> timeline = new ArrayList<>();
    private final List<AutomationEvent> automation = new ArrayList<>();
    private final Map<String, InboundDelivery> deliveries = new LinkedHashMap<>();

    public InMemoryIncidentStore(Clock clock) {
        this.clock = clock;
    }

    // ---- reads

    @Override
    public synchronized Optional<Incident> incident(IncidentId id) {
        return Optional.ofNullable(incidents.get(id.value()));
    }

    @Override
    public synchronized Optional<Incident> openIncidentByDedupKey(String dedupKey) {
        return incidents.values().stream()
                .filter(i -> i.isOpen() && i.dedupKey().equals(Optional.of(dedupKey)))
                .findFirst();
    }

    @Override
    public synchronized List<Incident> incidents(boolean openOnly, int limit) {
        return incidents.descendingMap().values().stream()
                .filter(i -> !openOnly || i.isOpen())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<RemediationRun> run(RunId id) {
        return Optional.ofNullable(runs.get(id.value()));
    }

    @Override
    public synchronized List<RemediationRun> runs(IncidentId incident) {
        return runs.values().stream()
                .filter(r -> r.incidentId().equals(incident))
                .toList();
    }

    @Override
    public synchronized List<RemediationRun> runsAwaitingApproval() {
        return runsIn(RunState.PROPOSED);
    }

    @Override
    public synchronized List<Incident> pendingEscalations() {
        return incidents.values().stream()
                .filter(i -> i.isOpen()
                        && i.acknowledgement().isEmpty()
                        && i.escalationDeadline().isPresent())
                .sorted(Comparator.comparing(
                                (Incident i) -> i.escalationDeadline().orElseThrow())
                        .thenComparing(i -> i.id().value()))
                .toList();
    }

    @Override
    public synchronized List<TimelineEvent> timeline(IncidentId incident) {
        return timeline.stream()
                .filter(e -> e.incidentId().equals(incident))
                .sorted(Comparator.comparing(TimelineEvent::at).thenComparingLong(TimelineEvent::id))
                .toList();
    }

    @Override
    public synchronized List<OverrideCount> overrideReport() {
        Map<String, long[]> counts = new TreeMap<>();
        for (AutomationEvent event : automation) {
            long[] c = counts.computeIfAbsent(event.action(), a -> new long[3]);
            if (event.result() == AutomationResult.REQUIRES_MANUAL) {
                c[0]++;
            } else if (event.result() == AutomationResult.OVERRIDDEN) {
                c[1]++;
            }
            c[2]++;
        }
        return counts.entrySet().stream()
                .map(e -> new OverrideCount(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .filter(o -> o.neededHuman() > 0)
                .sorted(Comparator.comparingLong(OverrideCount::neededHuman)
                        .reversed()
                        .thenComparing(OverrideCount::action))
                .toList();
    }

    // ---- deliveries

    @Override
    public synchronized Recorded<InboundDelivery> recordDelivery(String key, String source, String body) {
        InboundDelivery existing = deliveries.get(key);
        if (existing != null) {
            return Recorded.existing(existing);
        }
        InboundDelivery delivery = new InboundDelivery(key, source, now(), body, Optional.empty(), Optional.empty());
        deliveries.put(key, delivery);
        return Recorded.created(delivery);
    }

    @Override
    public synchronized List<InboundDelivery> unprocessedDeliveries(int limit) {
        return deliveries.values().stream()
                .filter(d -> d.processedAt().isEmpty())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean markDeliveryProcessed(String key, String outcome) {
        InboundDelivery d = deliveries.get(key);
        if (d == null || d.processedAt().isPresent()) {
            return false;
        }
        deliveries.put(
                key,
                new InboundDelivery(
                        d.key(), d.source(), d.receivedAt(), d.body(), Optional.of(now()), Optional.of(outcome)));
        return true;
    }

    // ---- incidents

    @Override
    public synchronized Recorded<Incident> open(NewIncident request) {
        if (request.dedupKey().isPresent()) {
            Optional<Incident> open = openIncidentByDedupKey(request.dedupKey().get());
            if (open.isPresent()) {
                return Recorded.existing(open.get());
            }
        }
        request.previousIncident().ifPresent(this::requireIncident);
        Optional<IncidentId> previous = request.previousIncident()
                .or(() -> request.dedupKey().flatMap(key -> incidents.descendingMap().values().stream()
                        .filter(i -> !i.isOpen() && i.dedupKey().equals(Optional.of(key)))
                        .map(Incident::id)
                        .findFirst()));
        IncidentId id = new IncidentId(incidents.isEmpty() ? 1 : incidents.lastKey() + 1);
        IncidentChange change = IncidentLifecycle.open(id, request, previous, now());
        save(change);
        return Recorded.created(change.after());
    }

    @Override
    public synchronized TransitionResult<Incident> moveTo(
            IncidentId id, IncidentState to, String actor, String reason) {
        return changeIncident(id, incident -> IncidentLifecycle.moveTo(incident, to, actor, reason, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> reopen(IncidentId id, String actor, String reason) {
        return changeIncident(
                id,
                incident -> IncidentLifecycle.reopen(
                        incident, incident.dedupKey().flatMap(this::openIncidentByDedupKey), actor, reason, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> afterRemediation(
            IncidentId id, boolean recovered, java.time.Duration escalateAfter, String reason) {
        return changeIncident(
                id, incident -> IncidentLifecycle.afterRemediation(incident, recovered, escalateAfter, reason, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> acknowledge(IncidentId id, String actor) {
        return changeIncident(id, incident -> IncidentLifecycle.acknowledge(incident, actor, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> escalate(IncidentId id, String actor, String reason) {
        return changeIncident(id, incident -> IncidentLifecycle.escalate(incident, actor, reason, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> handOff(
            IncidentId id, String runbookId, String runbookVersion, String reason, String detail) {
        return changeIncident(
                id, incident -> IncidentLifecycle.handOff(incident, runbookId, runbookVersion, reason, detail, now()));
    }

    @Override
    public synchronized TransitionResult<Incident> attachThread(IncidentId id, ChatLocation thread) {
        return changeIncident(id, incident -> IncidentLifecycle.attachThread(incident, thread, now()));
    }

    // ---- runs

    @Override
    public synchronized Recorded<RemediationRun> propose(NewRun request) {
        requireIncident(request.incidentId());
        Optional<RemediationRun> existing = runs.values().stream()
                .filter(r -> r.incidentId().equals(request.incidentId())
                        && r.remediationId().equals(request.remediationId())
                        && r.attempt() == request.attempt())
                .findFirst();
        if (existing.isPresent()) {
            return Recorded.existing(existing.get());
        }
        RunId id = new RunId(runs.isEmpty() ? 1 : runs.lastKey() + 1);
        RunChange change = RemediationLifecycle.propose(id, request, now());
        save(change);
        Optional<RunChange> cancelled =
                RunsOfEndedIncident.cancelIfEnded(requireIncident(request.incidentId()), change.after(), now());
        cancelled.ifPresent(this::save);
        return Recorded.created(cancelled.orElse(change).after());
    }

    @Override
    public synchronized TransitionResult<RemediationRun> approve(RunId id, String approver, String reason) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        Instant now = now();
        TransitionResult<RunChange> result = RemediationLifecycle.approve(run.get(), approver, reason, now);
        expireIfLate(run.get(), result, now);
        return saved(result);
    }

    @Override
    public synchronized TransitionResult<RemediationRun> reject(RunId id, String actor, String reason) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        Instant now = now();
        TransitionResult<RunChange> result = RemediationLifecycle.reject(run.get(), actor, reason, now);
        expireIfLate(run.get(), result, now);
        return saved(result);
    }

    @Override
    public synchronized TransitionResult<RemediationRun> cancel(RunId id, String actor, String reason) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        return saved(RemediationLifecycle.cancel(run.get(), actor, reason, now()));
    }

    @Override
    public synchronized TransitionResult<RemediationRun> start(
            RunId id, String actor, String worker, Duration timeout) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        Incident incident = requireIncident(run.get().incidentId());
        Optional<RemediationRun> runningOnTarget = runsIn(RunState.RUNNING).stream()
                .filter(other -> {
                    Incident of = incidents.get(other.incidentId().value());
                    return of.service().equals(incident.service())
                            && of.environment().equals(incident.environment());
                })
                .findFirst();
        return saved(RemediationLifecycle.start(
                run.get(), incident.target(), runningOnTarget, actor, worker, timeout, now()));
    }

    @Override
    public synchronized TransitionResult<RemediationRun> finish(
            RunId id, RunState outcome, String actor, String reason, String output) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        return saved(RemediationLifecycle.finish(run.get(), outcome, actor, reason, output, now()));
    }

    @Override
    public synchronized TransitionResult<RemediationRun> attachMessage(RunId id, ChatLocation message) {
        Optional<RemediationRun> run = run(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        RemediationRun after = run.get().withMessage(message);
        runs.put(id.value(), after);
        return TransitionResult.applied(after);
    }

    @Override
    public synchronized List<RemediationRun> reap(Set<String> liveWorkers) {
        Instant now = now();
        List<RemediationRun> changed = new ArrayList<>();
        for (RemediationRun run : runsIn(RunState.RUNNING)) {
            boolean alive = liveWorkers.contains(run.worker().orElseThrow());
            saved(RunDeadlines.reap(run, alive, now)).appliedValue().ifPresent(changed::add);
        }
        for (RemediationRun run : runsIn(RunState.PROPOSED)) {
            saved(RemediationLifecycle.expire(run, now)).appliedValue().ifPresent(changed::add);
        }
        return changed;
    }

    @Override
    public synchronized RecoveryReport recover() {
        Instant now = now();
        List<RemediationRun> interrupted = new ArrayList<>();
        for (RemediationRun run : runsIn(RunState.RUNNING)) {
            saved(RemediationLifecycle.interruptByRestart(run, now))
                    .appliedValue()
                    .ifPresent(interrupted::add);
        }
        List<RemediationRun> expired = new ArrayList<>();
        for (RemediationRun run : runsIn(RunState.PROPOSED)) {
            saved(RemediationLifecycle.expire(run, now)).appliedValue().ifPresent(expired::add);
        }
        for (RemediationRun run : runsIn(RunState.PROPOSED)) {
            RunDeadlines.clampedDeadline(run, now)
                    .ifPresent(deadline -> runs.put(run.id().value(), run.withApprovalDeadline(deadline)));
        }
        return new RecoveryReport(
                interrupted, expired, runsIn(RunState.PROPOSED), runsIn(RunState.APPROVED), pendingEscalations());
    }

    // ---- timeline and automation

    @Override
    public synchronized TimelineEvent append(NewTimelineEvent event) {
        requireIncident(event.incidentId());
        event.runId().ifPresent(this::requireRun);
        TimelineEvent stored = TimelineEvent.stored(timeline.size() + 1L, truncated(event));
        timeline.add(stored);
        return stored;
    }

    @Override
    public synchronized List<TimelineEvent> appendAll(List<NewTimelineEvent> events) {
        for (NewTimelineEvent event : events) {
            requireIncident(event.incidentId());
            event.runId().ifPresent(this::requireRun);
        }
        return events.stream().map(this::append).toList();
    }

    @Override
    public synchronized void record(AutomationEvent event) {
        event.incidentId().ifPresent(this::requireIncident);
        event.runId().ifPresent(this::requireRun);
        automation.add(new AutomationEvent(
                event.incidentId(),
                event.runId(),
                event.at().truncatedTo(ChronoUnit.MILLIS),
                event.service(),
                event.environment(),
                event.action(),
                event.result(),
                event.actor(),
                event.detail()));
    }

    // ---- internals

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static NewTimelineEvent truncated(NewTimelineEvent e) {
        return new NewTimelineEvent(
                e.incidentId(),
                e.runId(),
                e.at().truncatedTo(ChronoUnit.MILLIS),
                e.kind(),
                e.actor(),
                e.summary(),
                e.detail());
    }

    private List<RemediationRun> runsIn(RunState state) {
        return runs.values().stream().filter(r -> r.state() == state).toList();
    }

    private Incident requireIncident(IncidentId id) {
        Incident incident = incidents.get(id.value());
        if (incident == null) {
            throw new IllegalArgumentException("no incident " + id);
        }
        return incident;
    }

    private RemediationRun requireRun(RunId id) {
        RemediationRun run = runs.get(id.value());
        if (run == null) {
            throw new IllegalArgumentException("no run " + id);
        }
        return run;
    }

    private TransitionResult<Incident> changeIncident(
            IncidentId id, Function<Incident, TransitionResult<IncidentChange>> rule) {
        Incident incident = incidents.get(id.value());
        if (incident == null) {
            return TransitionResult.refused(RefusalKind.NOT_FOUND, "no incident " + id);
        }
        TransitionResult<IncidentChange> result = rule.apply(incident);
        result.appliedValue().ifPresent(change -> {
            save(change);
            RunsOfEndedIncident.cancelOnEnd(change, List.copyOf(runs.values()), now())
                    .forEach(this::save);
        });
        return result.map(IncidentChange::after);
    }

    private void save(IncidentChange change) {
        incidents.put(change.after().id().value(), change.after());
        append(change.event());
    }

    private void expireIfLate(RemediationRun run, TransitionResult<RunChange> result, Instant now) {
        RemediationLifecycle.expiryAfterLateDecision(run, result, now).ifPresent(this::save);
    }

    private TransitionResult<RemediationRun> saved(TransitionResult<RunChange> result) {
        result.appliedValue().ifPresent(this::save);
        return result.map(RunChange::after);
    }

    private void save(RunChange change) {
        RemediationRun after = change.after();
        runs.put(after.id().value(), after);
        append(change.event());
        change.automationEvent(requireIncident(after.incidentId()).target()).ifPresent(this::record);
    }

    private static TransitionResult<RemediationRun> notFound(RunId id) {
        return TransitionResult.refused(RefusalKind.NOT_FOUND, "no run " + id);
    }
}
