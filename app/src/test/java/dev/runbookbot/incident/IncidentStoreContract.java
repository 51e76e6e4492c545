package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.intake.InboundDelivery;
import dev.runbookbot.remediate.Approval;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.RunTransition;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} must do, run against each implementation (in memory, SQLite). A subclass supplies
 * the store; everything here talks to the port only.
 */
public abstract class IncidentStoreContract {
    protected static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    protected ManualClock clock;
    protected IncidentStore store;

    /** A fresh, empty store on {@code clock}. */
    protected abstract IncidentStore newStore(ManualClock clock) throws Exception;

    /** Releases what {@link #newStore} opened. */
    protected void closeStore() throws Exception {}

    @BeforeEach
    void createStore() throws Exception {
        clock = new ManualClock(T0);
        store = newStore(clock);
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore();
    }

    // ---- fixtures

    protected static NewIncident alert(String fingerprint) {
        return alert(fingerprint, "payments", "prod");
    }

    protected static NewIncident alert(String fingerprint, String service, String environment) {
        return NewIncidents.alert(fingerprint, service, environment);
    }

    protected static NewIncident slashCommand() {
        return new NewIncident(
                "manual run of payments-slow",
                "payments-slow",
                "3f2a9c1",
                "payments",
                Severity.P2,
                "staging",
                IncidentSource.SLASH_COMMAND,
                Optional.empty(),
                Optional.of(new ChatLocation("C0OPS", "1714557600.000100")),
                "U0TRIGGER",
                Optional.empty(),
                Optional.empty());
    }

    protected static NewRun runOf(IncidentId incident, String remediation, int attempt, int approvals) {
        return new NewRun(
                incident,
                remediation,
                attempt,
                "restart_service",
                "kubectl rollout restart deployment/api",
                "U0REQUESTER",
                "decision high-error-rate",
                approvals,
                Optional.of(Duration.ofSeconds(120)));
    }

    protected Incident opened(NewIncident request) {
        Recorded<Incident> recorded = store.open(request);
        assertFalse(recorded.duplicate());
        return recorded.value();
    }

    protected RemediationRun proposed(IncidentId incident, int approvals) {
        return store.propose(runOf(incident, "restart-api", 1, approvals)).value();
    }

    protected RemediationRun approved(IncidentId incident) {
        RemediationRun run = proposed(incident, 1);
        return applied(store.approve(run.id(), "U1", "looks right"));
    }

    protected RemediationRun running(IncidentId incident, String worker) {
        return applied(store.start(approved(incident).id(), "U1", worker, Duration.ofSeconds(60)));
    }

    protected static <T> T applied(TransitionResult<T> result) {
        return result.appliedValue()
                .orElseThrow(
                        () -> new AssertionError("refused: " + result.refusal().orElseThrow()));
    }

    protected static <T> TransitionResult.Refused<T> refused(TransitionResult<T> result) {
        @SuppressWarnings("unchecked")
        TransitionResult.Refused<T> refusal = assertInstanceOf(TransitionResult.Refused.class, result);
        return refusal;
    }

    private List<TimelineKind> kinds(IncidentId id) {
        return store.timeline(id).stream().map(TimelineEvent::kind).toList();
    }

    // ---- incidents

    @Test
    void openStoresTheIncidentAndItsOpeningEvent() {
        Incident incident = opened(alert("fp-1"));
        assertEquals(IncidentState.OPEN, incident.state());
        assertEquals(T0, incident.createdAt());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(30))), incident.escalationDeadline());
        assertEquals(Optional.of(incident), store.incident(incident.id()));
        assertEquals(Optional.of(incident), store.openIncidentByDedupKey("fp-1"));
        List<TimelineEvent> timeline = store.timeline(incident.id());
        assertEquals(1, timeline.size());
        assertEquals(
                "alertmanager opened " + incident.id() + " (alertmanager): payments 5xx above 5%",
                timeline.get(0).summary());
    }

    @Test
    void theSameAlertTwiceOpensOneIncident() {
        Incident first = opened(alert("fp-1"));
        clock.advance(Duration.ofMinutes(5));
        Recorded<Incident> again = store.open(alert("fp-1"));
        assertTrue(again.duplicate());
        assertEquals(first, again.value());
        assertEquals(1, store.incidents(false, 10).size());
        assertEquals(1, store.timeline(first.id()).size(), "a duplicate writes nothing");
    }

    @Test
    void incidentsWithoutDedupKeyAreNeverMerged() {
        Incident a = opened(slashCommand());
        Incident b = opened(slashCommand());
        assertTrue(b.id().value() > a.id().value());
        assertEquals(List.of(b, a), store.incidents(false, 10), "newest first");
    }

    @Test
    void aNewFiringAfterResolutionOpensANewIncidentLinkedToTheLastOne() {
        Incident first = opened(alert("fp-1"));
        applied(store.moveTo(first.id(), IncidentState.RESOLVED, "alertmanager", "alert resolved"));
        Incident second = opened(alert("fp-1"));
        assertEquals(Optional.of(first.id()), second.previousIncident());
        applied(store.moveTo(second.id(), IncidentState.RESOLVED, "alertmanager", "alert resolved"));
        Incident third = opened(alert("fp-1"));
        assertEquals(Optional.of(second.id()), third.previousIncident(), "linked to the most recent one");
        assertEquals(List.of(third), store.incidents(true, 10));
        assertEquals(3, store.incidents(false, 10).size());
        assertEquals(2, store.incidents(false, 2).size());
    }

    @Test
    void anExplicitPreviousIncidentMustExist() {
        NewIncident request = alert("fp-1");
        NewIncident withUnknownPrevious = new NewIncident(
                request.title(),
                request.runbookId(),
                request.runbookVersion(),
                request.service(),
                request.severity(),
                request.environment(),
                request.source(),
                request.dedupKey(),
                request.thread(),
                request.triggeredBy(),
                Optional.of(new IncidentId(99)),
                request.escalateAfter());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> store.open(withUnknownPrevious));
        assertEquals("no incident INC-99", e.getMessage());
        assertEquals(List.of(), store.incidents(false, 10));
    }

    @Test
    void movesAreRecordedWithWhoAndWhyAndRefusalsChangeNothing() {
        Incident incident = opened(alert("fp-1"));
        clock.advance(Duration.ofSeconds(3));
        Incident diagnosing =
                applied(store.moveTo(incident.id(), IncidentState.DIAGNOSING, "runbook-bot", "5 diagnostics"));
        assertEquals(IncidentState.DIAGNOSING, diagnosing.state());
        assertEquals(T0.plusSeconds(3), diagnosing.updatedAt());
        assertEquals(Optional.of(diagnosing), store.incident(incident.id()));
        TimelineEvent last = store.timeline(incident.id()).get(1);
        assertEquals(TimelineKind.STATE, last.kind());
        assertEquals("runbook-bot", last.actor());
        assertEquals(incident.id() + " open -> diagnosing: 5 diagnostics", last.summary());

        TransitionResult.Refused<Incident> again =
                refused(store.moveTo(incident.id(), IncidentState.DIAGNOSING, "runbook-bot", "again"));
        assertEquals(RefusalKind.ALREADY_DONE, again.kind());
        assertEquals(2, store.timeline(incident.id()).size());
        assertEquals(Optional.of(diagnosing), store.incident(incident.id()));
    }

    @Test
    void unknownIdsAreRefusedAsNotFound() {
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.moveTo(new IncidentId(5), IncidentState.RESOLVED, "U1", "x"))
                        .kind());
        assertEquals(
                "no incident INC-5",
                refused(store.acknowledge(new IncidentId(5), "U1")).reason());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.escalate(new IncidentId(5), "U1", "x")).kind());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.attachThread(new IncidentId(5), new ChatLocation("C", "1.2")))
                        .kind());
        assertEquals(
                "no run run-5", refused(store.approve(new RunId(5), "U1", "")).reason());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.reject(new RunId(5), "U1", "")).kind());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.start(new RunId(5), "U1", "w", Duration.ofSeconds(1)))
                        .kind());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.finish(new RunId(5), RunState.SUCCEEDED, "w", "ok", ""))
                        .kind());
        assertEquals(
                RefusalKind.NOT_FOUND,
                refused(store.attachMessage(new RunId(5), new ChatLocation("C", "1.2")))
                        .kind());
        assertEquals(Optional.empty(), store.incident(new IncidentId(5)));
        assertEquals(Optional.empty(), store.run(new RunId(5)));
        assertEquals(List.of(), store.timeline(new IncidentId(5)));
    }

    @Test
    void acknowledgingStopsTheEscalationTimerOnce() {
        Incident incident = opened(alert("fp-1"));
        assertEquals(List.of(incident), store.pendingEscalations());
        Incident acknowledged = applied(store.acknowledge(incident.id(), "U1"));
        assertEquals(Optional.of(new Acknowledgement("U1", T0)), acknowledged.acknowledgement());
        assertEquals(List.of(), store.pendingEscalations());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.acknowledge(incident.id(), "U2")).kind());
        assertEquals(List.of(TimelineKind.STATE, TimelineKind.ACKNOWLEDGEMENT), kinds(incident.id()));
    }

    @Test
    void escalationTimersAreAbsoluteAndFireOnce() {
        Incident early = opened(alert("fp-1"));
        clock.advance(Duration.ofMinutes(10));
        Incident later = opened(alert("fp-2"));
        assertEquals(List.of(early, later), store.pendingEscalations(), "earliest deadline first");

        assertEquals(
                RefusalKind.NOT_DUE,
                refused(store.escalate(early.id(), "runbook-bot", "nobody acked"))
                        .kind());
        clock.set(early.escalationDeadline().orElseThrow());
        Incident escalated = applied(store.escalate(early.id(), "runbook-bot", "nobody acknowledged in 30 minutes"));
        assertEquals(IncidentState.ESCALATED, escalated.state());
        assertEquals(Optional.empty(), escalated.escalationDeadline());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.escalate(early.id(), "runbook-bot", "again")).kind());
        assertEquals(List.of(later), store.pendingEscalations());
        assertEquals(TimelineKind.ESCALATION, store.timeline(early.id()).get(1).kind());
    }

    @Test
    void theThreadLocationIsStoredOnce() {
        Incident incident = opened(alert("fp-1"));
        ChatLocation thread = new ChatLocation("C0INCIDENTS", "1714557600.000100");
        assertEquals(
                Optional.of(thread),
                applied(store.attachThread(incident.id(), thread)).thread());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.attachThread(incident.id(), thread)).kind());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.attachThread(incident.id(), new ChatLocation("C0OTHER", "1.1")))
                        .kind());
        assertEquals(
                Optional.of(thread), store.incident(incident.id()).orElseThrow().thread());
        assertEquals(
                Optional.of(new ChatLocation("C0OPS", "1714557600.000100")),
                opened(slashCommand()).thread());
    }

    @Test
    void aHandOffMovesTheOpenIncidentToAnotherRunbookAndRecordsIt() {
        Incident incident = opened(alert("fp-1"));
        ChatLocation thread = new ChatLocation("C0INCIDENTS", "1714557600.000100");
        applied(store.attachThread(incident.id(), thread));
        clock.advance(Duration.ofSeconds(2));

        Incident handed = applied(store.handOff(
                incident.id(), "db-pool", "abc123def456", "to_db, chosen by decision 1", "{\"to\":\"db-pool\"}"));

        assertEquals("db-pool", handed.runbookId());
        assertEquals("abc123def456", handed.runbookVersion());
        assertEquals(Optional.of(thread), handed.thread());
        Incident stored = store.incident(incident.id()).orElseThrow();
        assertEquals("db-pool", stored.runbookId());
        assertEquals("abc123def456", stored.runbookVersion());
        TimelineEvent last =
                store.timeline(incident.id()).get(store.timeline(incident.id()).size() - 1);
        assertEquals(TimelineKind.DECISION, last.kind());
        assertEquals(
                "handed off from runbook " + incident.runbookId() + " to db-pool: to_db, chosen by decision 1",
                last.summary());
        assertEquals("{\"to\":\"db-pool\"}", last.detail());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.handOff(incident.id(), "db-pool", "abc123def456", "again", "{}"))
                        .kind());
        applied(store.moveTo(incident.id(), IncidentState.RESOLVED, "U1", "fixed"));
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.handOff(incident.id(), "other", "v2", "late", "{}"))
                        .kind());
    }

    // ---- runs

    @Test
    void proposingTheSameAttemptTwiceGivesOneRun() {
        Incident incident = opened(alert("fp-1"));
        Recorded<RemediationRun> first = store.propose(runOf(incident.id(), "restart-api", 1, 1));
        assertFalse(first.duplicate());
        assertEquals(RunState.PROPOSED, first.value().state());
        assertEquals(Optional.of(T0.plusSeconds(120)), first.value().approvalDeadline());
        Recorded<RemediationRun> again = store.propose(runOf(incident.id(), "restart-api", 1, 1));
        assertTrue(again.duplicate());
        assertEquals(first.value(), again.value());
        Recorded<RemediationRun> retry = store.propose(runOf(incident.id(), "restart-api", 2, 1));
        assertFalse(retry.duplicate());
        assertEquals(List.of(first.value(), retry.value()), store.runs(incident.id()));
        assertEquals(Optional.of(first.value()), store.run(first.value().id()));
    }

    @Test
    void proposingForAnUnknownIncidentIsABug() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> store.propose(runOf(new IncidentId(42), "restart-api", 1, 1)));
        assertEquals("no incident INC-42", e.getMessage());
    }

    @Test
    void aSafeStepIsStoredApproved() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 0);
        assertEquals(RunState.APPROVED, run.state());
        assertEquals(2, run.transitions().size());
        assertEquals(List.of(), store.runsAwaitingApproval());
    }

    @Test
    void nOfMApprovalsAreStoredOnePerPerson() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 2);
        clock.advance(Duration.ofSeconds(5));
        RemediationRun one = applied(store.approve(run.id(), "U1", ""));
        assertEquals(RunState.PROPOSED, one.state());
        assertEquals(List.of(new Approval("U1", T0.plusSeconds(5), "")), one.approvals());
        assertEquals(
                RefusalKind.DUPLICATE_APPROVER,
                refused(store.approve(run.id(), "U1", "")).kind());
        clock.advance(Duration.ofSeconds(5));
        RemediationRun two = applied(store.approve(run.id(), "U2", "checked the dashboards"));
        assertEquals(RunState.APPROVED, two.state());
        assertEquals(Optional.of(two), store.run(run.id()));
        assertEquals(
                List.of(
                        new Approval("U1", T0.plusSeconds(5), ""),
                        new Approval("U2", T0.plusSeconds(10), "checked the dashboards")),
                store.run(run.id()).orElseThrow().approvals());
        RunTransition last = store.run(run.id()).orElseThrow().lastTransition();
        assertEquals(
                new RunTransition(
                        Optional.of(RunState.PROPOSED),
                        RunState.APPROVED,
                        "U2",
                        T0.plusSeconds(10),
                        "checked the dashboards"),
                last);
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.approve(run.id(), "U3", "")).kind());
        assertEquals(
                List.of(TimelineKind.STATE, TimelineKind.APPROVAL, TimelineKind.APPROVAL, TimelineKind.APPROVAL),
                kinds(incident.id()));
    }

    @Test
    void aRejectedRunCannotBeApprovedOrRunAndCountsAsAnOverride() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 1);
        RemediationRun rejected = applied(store.reject(run.id(), "U2", "too risky at peak"));
        assertEquals(RunState.REJECTED, rejected.state());
        TransitionResult.Refused<RemediationRun> approve = refused(store.approve(run.id(), "U1", ""));
        assertEquals(RefusalKind.NOT_ALLOWED, approve.kind());
        assertEquals(
                "restart-api (" + run.id() + ") was rejected by U2 at " + T0
                        + " (too risky at peak); nothing to approve",
                approve.reason());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.start(run.id(), "U1", "w", Duration.ofSeconds(5))).kind());
        assertEquals(List.of(new OverrideCount("restart_service", 0, 1, 1)), store.overrideReport());
        assertEquals(Optional.of(rejected), store.run(run.id()));
    }

    @Test
    void aDecisionAfterTheDeadlineIsRefusedAndTheExpiryRecorded() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 1);
        clock.advance(Duration.ofSeconds(120));
        TransitionResult.Refused<RemediationRun> late = refused(store.approve(run.id(), "U1", ""));
        assertEquals(RefusalKind.EXPIRED, late.kind());
        RemediationRun stored = store.run(run.id()).orElseThrow();
        assertEquals(RunState.EXPIRED, stored.state());
        assertEquals(RemediationLifecycle.BOT, stored.lastTransition().actor());
        assertEquals(List.of(), stored.approvals());
        assertEquals(
                RefusalKind.EXPIRED, refused(store.approve(run.id(), "U1", "")).kind());
        assertEquals(
                RefusalKind.EXPIRED,
                refused(store.start(run.id(), "U1", "w", Duration.ofSeconds(5))).kind());
    }

    @Test
    void runningNeedsApprovalAndHappensOnce() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 1);
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.start(run.id(), "U1", "w1", Duration.ofSeconds(60)))
                        .kind());
        applied(store.approve(run.id(), "U1", ""));
        clock.advance(Duration.ofSeconds(1));
        RemediationRun started = applied(store.start(run.id(), "U1", "w1", Duration.ofSeconds(60)));
        assertEquals(RunState.RUNNING, started.state());
        assertEquals(Optional.of("w1"), started.worker());
        assertEquals(Optional.of(T0.plusSeconds(61)), started.runDeadline());
        assertEquals(Optional.of(started), store.run(run.id()));
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.start(run.id(), "U1", "w2", Duration.ofSeconds(60)))
                        .kind());
    }

    @Test
    void resolvingAnIncidentCancelsItsWaitingRunsInTheSameChangeAndNothingStartsAfter() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun waiting = proposed(incident.id(), 1);
        RemediationRun ready = applied(store.approve(
                store.propose(runOf(incident.id(), "flush-cache", 1, 1)).value().id(), "U1", ""));
        RemediationRun done = applied(store.start(
                applied(store.approve(
                                store.propose(runOf(incident.id(), "scale-up", 1, 1))
                                        .value()
                                        .id(),
                                "U1",
                                ""))
                        .id(),
                "U1",
                "w1",
                Duration.ofSeconds(60)));
        clock.advance(Duration.ofSeconds(5));

        applied(store.moveTo(incident.id(), IncidentState.RESOLVED, "alertmanager", "alert ended"));

        for (RemediationRun run : List.of(waiting, ready)) {
            RemediationRun after = store.run(run.id()).orElseThrow();
            assertEquals(RunState.CANCELLED, after.state());
            assertEquals("alertmanager", after.lastTransition().actor());
            assertEquals(
                    incident.id() + " was resolved by alertmanager before it ran",
                    after.lastTransition().reason());
            assertEquals(T0.plusSeconds(5), after.lastTransition().at());
        }
        assertEquals(RunState.RUNNING, store.run(done.id()).orElseThrow().state(), "a running run is not stopped");
        assertTrue(store.timeline(incident.id()).stream().anyMatch(e -> e.summary()
                .equals(ready.label() + " cancelled: " + incident.id()
                        + " was resolved by alertmanager before it ran")));
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.approve(waiting.id(), "U2", "")).kind());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.start(ready.id(), "U1", "w1", Duration.ofSeconds(60)))
                        .kind());
        RemediationRun late =
                store.propose(runOf(incident.id(), "late-one", 1, 0)).value();
        assertEquals(RunState.CANCELLED, late.state(), "proposed after the end: cancelled at once");
        assertEquals(Optional.of(late), store.run(late.id()));
    }

    @Test
    void oneRemediationAtATimePerServiceAndEnvironment() {
        Incident first = opened(alert("fp-1", "payments", "prod"));
        Incident second = opened(alert("fp-2", "payments", "prod"));
        Incident staging = opened(alert("fp-3", "payments", "staging"));
        RemediationRun busy = running(first.id(), "w1");
        RemediationRun waiting = approved(second.id());
        TransitionResult.Refused<RemediationRun> refusal =
                refused(store.start(waiting.id(), "U1", "w2", Duration.ofSeconds(60)));
        assertEquals(RefusalKind.TARGET_BUSY, refusal.kind());
        assertTrue(
                refusal.reason().startsWith("restart-api (" + busy.id() + ") is running for payments in prod"),
                refusal.reason());
        assertEquals(RunState.APPROVED, store.run(waiting.id()).orElseThrow().state());
        assertEquals(RunState.RUNNING, running(staging.id(), "w3").state(), "another environment is another target");
        applied(store.finish(busy.id(), RunState.SUCCEEDED, "w1", "rollout complete", ""));
        assertEquals(
                RunState.RUNNING,
                applied(store.start(waiting.id(), "U1", "w2", Duration.ofSeconds(60)))
                        .state());
    }

    @Test
    void finishingRecordsTheResultOnceWithItsAutomationEvent() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = running(incident.id(), "w1");
        RemediationRun done = applied(store.finish(run.id(), RunState.FAILED, "w1", "exit status 1", "error: timeout"));
        assertEquals(RunState.FAILED, done.state());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(store.finish(run.id(), RunState.FAILED, "w1", "exit status 1", ""))
                        .kind());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(store.finish(run.id(), RunState.SUCCEEDED, "w1", "ok", ""))
                        .kind());
        TimelineEvent last =
                store.timeline(incident.id()).get(store.timeline(incident.id()).size() - 1);
        assertEquals(TimelineKind.ACTION, last.kind());
        assertTrue(last.detail().contains("\"output\":\"error: timeout\""), last.detail());
        assertEquals(
                List.of(RunState.PROPOSED, RunState.APPROVED, RunState.RUNNING, RunState.FAILED),
                done.transitions().stream().map(RunTransition::to).toList());
        assertEquals(done, store.run(run.id()).orElseThrow());
    }

    @Test
    void theMessageOfAWaitingRunIsKeptForReRendering() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 1);
        ChatLocation message = new ChatLocation("C0INCIDENTS", "1714557601.000200");
        assertEquals(
                Optional.of(message),
                applied(store.attachMessage(run.id(), message)).message());
        assertEquals(List.of(store.run(run.id()).orElseThrow()), store.runsAwaitingApproval());
        assertEquals(Optional.of(message), store.runsAwaitingApproval().get(0).message());
        ChatLocation reposted = new ChatLocation("C0INCIDENTS", "1714557609.000300");
        assertEquals(
                Optional.of(reposted),
                applied(store.attachMessage(run.id(), reposted)).message());
        assertTrue(store.approve(run.id(), "U1", "").isApplied(), "a new message does not disturb the approval");
    }

    @Test
    void theReaperInterruptsDeadWorkersTimesOutLateRunsAndExpiresProposals() {
        Incident a = opened(alert("fp-1", "payments", "prod"));
        Incident b = opened(alert("fp-2", "checkout", "prod"));
        Incident c = opened(alert("fp-3", "search", "prod"));
        RemediationRun orphan = running(a.id(), "worker-dead");
        RemediationRun slow = running(b.id(), "worker-alive");
        RemediationRun waiting = proposed(c.id(), 1);
        assertEquals(
                List.of(orphan.id()),
                store.reap(Set.of("worker-alive")).stream()
                        .map(RemediationRun::id)
                        .toList());
        assertEquals(RunState.INTERRUPTED, store.run(orphan.id()).orElseThrow().state());
        assertEquals(RunState.RUNNING, store.run(slow.id()).orElseThrow().state());
        assertEquals(RunState.PROPOSED, store.run(waiting.id()).orElseThrow().state());

        clock.advance(Duration.ofSeconds(120));
        List<RemediationRun> reaped = store.reap(Set.of("worker-alive"));
        assertEquals(
                List.of(slow.id(), waiting.id()),
                reaped.stream().map(RemediationRun::id).toList());
        assertEquals(RunState.FAILED, store.run(slow.id()).orElseThrow().state());
        assertEquals(RunState.EXPIRED, store.run(waiting.id()).orElseThrow().state());
        assertEquals(List.of(), store.reap(Set.of()));
    }

    @Test
    void recoveryInterruptsRunningRunsAndKeepsApprovalsApprovable() {
        Incident a = opened(alert("fp-1", "payments", "prod"));
        Incident b = opened(alert("fp-2", "checkout", "prod"));
        Incident c = opened(alert("fp-3", "search", "prod"));
        RemediationRun wasRunning = running(a.id(), "w1");
        RemediationRun pending = store.propose(new NewRun(
                        b.id(),
                        "flush-cache",
                        1,
                        "flush_cache",
                        "FLUSHDB",
                        "U0",
                        "why",
                        1,
                        Optional.of(Duration.ofHours(1))))
                .value();
        RemediationRun soonExpired = proposed(c.id(), 1);
        RemediationRun approvedOnly =
                store.propose(runOf(c.id(), "scale-up", 1, 0)).value();
        applied(store.acknowledge(c.id(), "U9"));
        clock.advance(Duration.ofMinutes(5));

        RecoveryReport report = store.recover();
        assertEquals(
                List.of(wasRunning.id()),
                report.interrupted().stream().map(RemediationRun::id).toList());
        assertEquals(
                RemediationLifecycle.RESTARTED,
                report.interrupted().get(0).lastTransition().reason());
        assertEquals(
                List.of(soonExpired.id()),
                report.expired().stream().map(RemediationRun::id).toList());
        assertEquals(List.of(store.run(pending.id()).orElseThrow()), report.awaitingApproval());
        assertEquals(List.of(store.run(approvedOnly.id()).orElseThrow()), report.approvedNotStarted());
        assertEquals(
                List.of(a.id(), b.id()),
                report.pendingEscalations().stream().map(Incident::id).toList());
        assertEquals(
                RunState.INTERRUPTED, store.run(wasRunning.id()).orElseThrow().state());
        assertTrue(store.approve(pending.id(), "U1", "").isApplied(), "still approvable after the restart");

        RecoveryReport second = store.recover();
        assertEquals(List.of(), second.interrupted());
        assertEquals(List.of(), second.expired());
    }

    @Test
    void afterARestartTheTimeLeftToApproveIsClampedToTheTimeoutItWasProposedWith() {
        Incident incident = opened(alert("fp-1", "payments", "prod"));
        RemediationRun pending = store.propose(new NewRun(
                        incident.id(),
                        "flush-cache",
                        1,
                        "flush_cache",
                        "FLUSHDB",
                        "U0",
                        "why",
                        1,
                        Optional.of(Duration.ofSeconds(30))))
                .value();
        clock.step(Duration.ofHours(-1)); // the wall clock was set back while the bot was down

        store.recover();

        assertEquals(
                Optional.of(T0.minus(Duration.ofHours(1)).plusSeconds(30)),
                store.run(pending.id()).orElseThrow().approvalDeadline(),
                "now + 30 s, not the hour and 30 s the stored deadline would leave");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(
                List.of(pending.id()),
                store.reap(Set.of()).stream().map(RemediationRun::id).toList());
    }

    // ---- timeline and automation

    @Test
    void theTimelineIsInTimeOrderWhateverTheOrderOfStorage() {
        Incident incident = opened(alert("fp-1"));
        TimelineEvent late = store.append(NewTimelineEvent.of(
                incident.id(),
                T0.plusSeconds(9),
                TimelineKind.DIAGNOSTIC,
                "runbook-bot",
                "error-rate: critical (7.2%)",
                "{\"value\":7.2}"));
        TimelineEvent early = store.append(NewTimelineEvent.of(
                incident.id(), T0.plusSeconds(4), TimelineKind.DIAGNOSTIC, "runbook-bot", "latency: healthy", ""));
        TimelineEvent sameInstant = store.append(
                NewTimelineEvent.of(incident.id(), T0.plusSeconds(4), TimelineKind.NOTE, "U1", "looking", ""));
        List<TimelineEvent> timeline = store.timeline(incident.id());
        assertEquals(List.of(early, sameInstant, late), timeline.subList(1, 4));
        assertTrue(late.id() < early.id() && early.id() < sameInstant.id());
    }

    @Test
    void appendAllIsAllOrNothing() {
        Incident incident = opened(alert("fp-1"));
        List<TimelineEvent> stored = store.appendAll(List.of(
                NewTimelineEvent.of(incident.id(), T0, TimelineKind.DIAGNOSTIC, "runbook-bot", "a", ""),
                NewTimelineEvent.of(incident.id(), T0, TimelineKind.DIAGNOSTIC, "runbook-bot", "b", "")));
        assertEquals(
                List.of("a", "b"), stored.stream().map(TimelineEvent::summary).toList());
        assertThrows(
                IllegalArgumentException.class,
                () -> store.appendAll(List.of(
                        NewTimelineEvent.of(incident.id(), T0, TimelineKind.NOTE, "U1", "kept?", ""),
                        NewTimelineEvent.of(new IncidentId(77), T0, TimelineKind.NOTE, "U1", "unknown incident", ""))));
        assertEquals(3, store.timeline(incident.id()).size(), "the valid first entry was not kept either");
        assertThrows(
                IllegalArgumentException.class,
                () -> store.append(new NewTimelineEvent(
                        incident.id(), Optional.of(new RunId(77)), T0, TimelineKind.ACTION, "U1", "unknown run", "")));
    }

    @Test
    void everyKindAndResultCanBeStored() {
        Incident incident = opened(alert("fp-1"));
        for (TimelineKind kind : TimelineKind.values()) {
            store.append(NewTimelineEvent.of(incident.id(), T0, kind, "U1", kind.name(), ""));
        }
        assertTrue(kinds(incident.id()).containsAll(Arrays.asList(TimelineKind.values())));
        for (AutomationResult result : AutomationResult.values()) {
            store.record(new AutomationEvent(
                    Optional.of(incident.id()),
                    Optional.empty(),
                    T0,
                    "payments",
                    "prod",
                    "restart_service",
                    result,
                    "U1",
                    ""));
        }
        assertEquals(
                List.of(new OverrideCount("restart_service", 1, 1, AutomationResult.values().length)),
                store.overrideReport());
    }

    @Test
    void theOverridesReportListsActionsThatKeepNeedingAHumanMostFirst() {
        Incident incident = opened(alert("fp-1"));
        record Row(String action, AutomationResult result, int times) {}
        for (Row row : List.of(
                new Row("flush_cache", AutomationResult.REQUIRES_MANUAL, 3),
                new Row("flush_cache", AutomationResult.SUCCEEDED, 10),
                new Row("restart_service", AutomationResult.OVERRIDDEN, 2),
                new Row("restart_service", AutomationResult.REQUIRES_MANUAL, 2),
                new Row("scale_up", AutomationResult.SUCCEEDED, 5),
                new Row("rollback", AutomationResult.REQUIRES_MANUAL, 1))) {
            for (int i = 0; i < row.times(); i++) {
                store.record(new AutomationEvent(
                        Optional.of(incident.id()),
                        Optional.empty(),
                        T0,
                        "payments",
                        "prod",
                        row.action(),
                        row.result(),
                        "U1",
                        ""));
            }
        }
        store.record(new AutomationEvent(
                Optional.empty(),
                Optional.empty(),
                T0,
                "payments",
                "prod",
                "rollback",
                AutomationResult.REQUIRES_MANUAL,
                "U1",
                "recorded without an incident"));
        assertEquals(
                List.of(
                        new OverrideCount("restart_service", 2, 2, 4),
                        new OverrideCount("flush_cache", 3, 0, 13),
                        new OverrideCount("rollback", 2, 0, 2)),
                store.overrideReport());
    }

    // ---- deliveries

    @Test
    void aDeliveryIsStoredOnceAndProcessedOnce() {
        Recorded<InboundDelivery> first =
                store.recordDelivery("am:group-1:v1", "alertmanager", "{\"status\":\"firing\"}");
        assertFalse(first.duplicate());
        clock.advance(Duration.ofSeconds(10));
        Recorded<InboundDelivery> again = store.recordDelivery("am:group-1:v1", "alertmanager", "{\"retried\":true}");
        assertTrue(again.duplicate());
        assertEquals(first.value(), again.value(), "the first body is kept");
        store.recordDelivery("pd:webhook-9", "pagerduty", "{}");
        assertEquals(
                List.of("am:group-1:v1", "pd:webhook-9"),
                store.unprocessedDeliveries(10).stream()
                        .map(InboundDelivery::key)
                        .toList());
        assertEquals(1, store.unprocessedDeliveries(1).size());
        assertTrue(store.markDeliveryProcessed("am:group-1:v1", "opened INC-1"));
        assertFalse(store.markDeliveryProcessed("am:group-1:v1", "opened INC-1"));
        assertFalse(store.markDeliveryProcessed("unknown", "x"));
        assertEquals(
                List.of("pd:webhook-9"),
                store.unprocessedDeliveries(10).stream()
                        .map(InboundDelivery::key)
                        .toList());
    }

    // ---- time and concurrency

    @Test
    void timesAreKeptToTheMillisecond() {
        clock.set(Instant.parse("2024-05-01T10:00:00.123456789Z"));
        Incident incident = opened(alert("fp-1"));
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), incident.createdAt());
        assertEquals(Optional.of(incident), store.incident(incident.id()));
        TimelineEvent event = store.append(NewTimelineEvent.of(
                incident.id(), Instant.parse("2024-05-01T10:00:01.999999Z"), TimelineKind.NOTE, "U1", "n", ""));
        assertEquals(Instant.parse("2024-05-01T10:00:01.999Z"), event.at());
        assertEquals(event, store.timeline(incident.id()).get(1));
    }

    @Test
    void ofConcurrentRequestsForTheSameChangeExactlyOneWins() throws Exception {
        Incident incident = opened(alert("fp-1"));
        RemediationRun run = proposed(incident.id(), 1);
        int threads = 8;
        List<TransitionResult<RemediationRun>> approvals = race(threads, i -> store.approve(run.id(), "U" + i, ""));
        assertEquals(1, approvals.stream().filter(TransitionResult::isApplied).count());
        assertTrue(approvals.stream()
                .filter(r -> !r.isApplied())
                .allMatch(r -> refused(r).kind() == RefusalKind.ALREADY_DONE));
        assertEquals(1, store.run(run.id()).orElseThrow().approvals().size());

        List<TransitionResult<RemediationRun>> starts =
                race(threads, i -> store.start(run.id(), "U1", "w" + i, Duration.ofSeconds(60)));
        assertEquals(1, starts.stream().filter(TransitionResult::isApplied).count());

        List<Recorded<Incident>> opens = race(threads, i -> store.open(alert("fp-storm")));
        assertEquals(1, opens.stream().filter(r -> !r.duplicate()).count());
        assertEquals(1, opens.stream().map(r -> r.value().id()).distinct().count());
    }

    /** Runs {@code action} on {@code threads} threads released together; returns their results in thread order. */
    protected static <T> List<T> race(int threads, ThrowingFunction<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> task = () -> {
                    go.await();
                    return action.apply(index);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface ThrowingFunction<T> {
        T apply(int index) throws Exception;
    }
}
