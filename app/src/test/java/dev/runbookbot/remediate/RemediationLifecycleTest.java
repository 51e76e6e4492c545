package dev.runbookbot.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentChange;
import dev.runbookbot.incident.IncidentLifecycle;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.RunsOfEndedIncident;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemediationLifecycleTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant EARLY = T0.plusSeconds(10);
    private static final Instant LATE = T0.plusSeconds(3600);
    private static final Duration APPROVAL_WINDOW = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private static final Incident INCIDENT = IncidentLifecycle.open(
                    new IncidentId(1),
                    new NewIncident(
                            "payments 5xx above 5%",
                            "payments-slow",
                            "3f2a9c1",
                            "payments",
                            Severity.P1,
                            "prod",
                            IncidentSource.ALERTMANAGER,
                            Optional.of("fp-1"),
                            Optional.empty(),
                            "alertmanager",
                            Optional.empty(),
                            Optional.empty()),
                    Optional.empty(),
                    T0)
            .after();

    private static NewRun request(int requiredApprovals) {
        return new NewRun(
                INCIDENT.id(),
                "restart-api",
                1,
                "restart_service",
                "kubectl rollout restart deployment/api -n payments",
                "U0REQUESTER",
                "decision high-error-rate chose it",
                requiredApprovals,
                Optional.of(APPROVAL_WINDOW));
    }

    private static RemediationRun proposed(int requiredApprovals) {
        return RemediationLifecycle.propose(new RunId(7), request(requiredApprovals), T0)
                .after();
    }

    private static RunChange applied(TransitionResult<RunChange> result) {
        return result.appliedValue()
                .orElseThrow(
                        () -> new AssertionError("refused: " + result.refusal().orElseThrow()));
    }

    private static TransitionResult.Refused<RunChange> refused(TransitionResult<RunChange> result) {
        @SuppressWarnings("unchecked")
        TransitionResult.Refused<RunChange> refused =
                assertInstanceOf(TransitionResult.Refused.class, result, "expected a refusal");
        return refused;
    }

    /** A run brought into {@code state} through the lifecycle itself, between T0 and T0+3s. */
    private static RemediationRun runIn(RunState state) {
        RemediationRun proposed = proposed(1);
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        Instant t3 = T0.plusSeconds(3);
        return switch (state) {
            case PROPOSED -> proposed;
            case APPROVED ->
                applied(RemediationLifecycle.approve(proposed, "U1", "", t1)).after();
            case REJECTED ->
                applied(RemediationLifecycle.reject(proposed, "U2", "too risky at peak", t1))
                        .after();
            case EXPIRED ->
                applied(RemediationLifecycle.expire(proposed, T0.plus(APPROVAL_WINDOW)))
                        .after();
            case RUNNING -> applied(start(runIn(RunState.APPROVED), t2)).after();
            case SUCCEEDED ->
                applied(RemediationLifecycle.finish(
                                runIn(RunState.RUNNING), RunState.SUCCEEDED, "worker-1", "rollout complete", "", t3))
                        .after();
            case FAILED ->
                applied(RemediationLifecycle.finish(
                                runIn(RunState.RUNNING), RunState.FAILED, "worker-1", "exit 1", "", t3))
                        .after();
            case INTERRUPTED ->
                applied(RemediationLifecycle.interruptByRestart(runIn(RunState.RUNNING), t3))
                        .after();
            case CANCELLED ->
                applied(RemediationLifecycle.cancel(proposed, "alertmanager", "INC-1 was resolved", t1))
                        .after();
        };
    }

    private static TransitionResult<RunChange> start(RemediationRun run, Instant at) {
        return RemediationLifecycle.start(run, INCIDENT.target(), Optional.empty(), "U1", "worker-1", RUN_TIMEOUT, at);
    }

    private static TransitionResult<RunChange> operate(String operation, RemediationRun run) {
        return switch (operation) {
            case "approve" -> RemediationLifecycle.approve(run, "U9", "", EARLY);
            case "reject" -> RemediationLifecycle.reject(run, "U9", "no", EARLY);
            case "expire" -> RemediationLifecycle.expire(run, LATE);
            case "start" -> start(run, EARLY);
            case "succeed" -> RemediationLifecycle.finish(run, RunState.SUCCEEDED, "worker-1", "ok", "", EARLY);
            case "fail" -> RemediationLifecycle.finish(run, RunState.FAILED, "worker-1", "exit 2", "", EARLY);
            case "interrupt" -> RemediationLifecycle.interrupt(run, "runbook-bot", "worker died", EARLY);
            case "timeOut" -> RunDeadlines.timeOut(run, LATE);
            case "cancel" -> RemediationLifecycle.cancel(run, "alertmanager", "INC-1 was resolved", EARLY);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** Every state against every operation: the state it moves to, or the kind of refusal. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "PROPOSED,    approve,   APPROVED",
        "PROPOSED,    reject,    REJECTED",
        "PROPOSED,    expire,    EXPIRED",
        "PROPOSED,    start,     NOT_ALLOWED",
        "PROPOSED,    succeed,   NOT_ALLOWED",
        "PROPOSED,    fail,      NOT_ALLOWED",
        "PROPOSED,    interrupt, NOT_ALLOWED",
        "PROPOSED,    timeOut,   NOT_ALLOWED",
        "APPROVED,    approve,   ALREADY_DONE",
        "APPROVED,    reject,    NOT_ALLOWED",
        "APPROVED,    expire,    NOT_ALLOWED",
        "APPROVED,    start,     RUNNING",
        "APPROVED,    succeed,   NOT_ALLOWED",
        "APPROVED,    fail,      NOT_ALLOWED",
        "APPROVED,    interrupt, NOT_ALLOWED",
        "APPROVED,    timeOut,   NOT_ALLOWED",
        "REJECTED,    approve,   NOT_ALLOWED",
        "REJECTED,    reject,    ALREADY_DONE",
        "REJECTED,    expire,    NOT_ALLOWED",
        "REJECTED,    start,     NOT_ALLOWED",
        "REJECTED,    succeed,   NOT_ALLOWED",
        "REJECTED,    fail,      NOT_ALLOWED",
        "REJECTED,    interrupt, NOT_ALLOWED",
        "REJECTED,    timeOut,   NOT_ALLOWED",
        "EXPIRED,     approve,   EXPIRED_REFUSAL",
        "EXPIRED,     reject,    EXPIRED_REFUSAL",
        "EXPIRED,     expire,    ALREADY_DONE",
        "EXPIRED,     start,     EXPIRED_REFUSAL",
        "EXPIRED,     succeed,   EXPIRED_REFUSAL",
        "EXPIRED,     fail,      EXPIRED_REFUSAL",
        "EXPIRED,     interrupt, EXPIRED_REFUSAL",
        "EXPIRED,     timeOut,   EXPIRED_REFUSAL",
        "RUNNING,     approve,   NOT_ALLOWED",
        "RUNNING,     reject,    NOT_ALLOWED",
        "RUNNING,     expire,    NOT_ALLOWED",
        "RUNNING,     start,     ALREADY_DONE",
        "RUNNING,     succeed,   SUCCEEDED",
        "RUNNING,     fail,      FAILED",
        "RUNNING,     interrupt, INTERRUPTED",
        "RUNNING,     timeOut,   FAILED",
        "SUCCEEDED,   approve,   NOT_ALLOWED",
        "SUCCEEDED,   reject,    NOT_ALLOWED",
        "SUCCEEDED,   expire,    NOT_ALLOWED",
        "SUCCEEDED,   start,     NOT_ALLOWED",
        "SUCCEEDED,   succeed,   ALREADY_DONE",
        "SUCCEEDED,   fail,      NOT_ALLOWED",
        "SUCCEEDED,   interrupt, NOT_ALLOWED",
        "SUCCEEDED,   timeOut,   NOT_ALLOWED",
        "FAILED,      approve,   NOT_ALLOWED",
        "FAILED,      reject,    NOT_ALLOWED",
        "FAILED,      expire,    NOT_ALLOWED",
        "FAILED,      start,     NOT_ALLOWED",
        "FAILED,      succeed,   NOT_ALLOWED",
        "FAILED,      fail,      ALREADY_DONE",
        "FAILED,      interrupt, NOT_ALLOWED",
        "FAILED,      timeOut,   ALREADY_DONE",
        "INTERRUPTED, approve,   NOT_ALLOWED",
        "INTERRUPTED, reject,    NOT_ALLOWED",
        "INTERRUPTED, expire,    NOT_ALLOWED",
        "INTERRUPTED, start,     NOT_ALLOWED",
        "INTERRUPTED, succeed,   NOT_ALLOWED",
        "INTERRUPTED, fail,      NOT_ALLOWED",
        "INTERRUPTED, interrupt, ALREADY_DONE",
        "INTERRUPTED, timeOut,   NOT_ALLOWED",
        "PROPOSED,    cancel,    CANCELLED",
        "APPROVED,    cancel,    CANCELLED",
        "REJECTED,    cancel,    NOT_ALLOWED",
        "EXPIRED,     cancel,    EXPIRED_REFUSAL",
        "RUNNING,     cancel,    NOT_ALLOWED",
        "SUCCEEDED,   cancel,    NOT_ALLOWED",
        "FAILED,      cancel,    NOT_ALLOWED",
        "INTERRUPTED, cancel,    NOT_ALLOWED",
        "CANCELLED,   approve,   NOT_ALLOWED",
        "CANCELLED,   reject,    NOT_ALLOWED",
        "CANCELLED,   expire,    NOT_ALLOWED",
        "CANCELLED,   start,     NOT_ALLOWED",
        "CANCELLED,   succeed,   NOT_ALLOWED",
        "CANCELLED,   fail,      NOT_ALLOWED",
        "CANCELLED,   interrupt, NOT_ALLOWED",
        "CANCELLED,   timeOut,   NOT_ALLOWED",
        "CANCELLED,   cancel,    ALREADY_DONE",
    })
    void everyStateAgainstEveryOperation(RunState state, String operation, String expected) {
        RemediationRun run = runIn(state);
        assertEquals(state, run.state());
        TransitionResult<RunChange> result = operate(operation, run);
        if (expected.equals("EXPIRED_REFUSAL")) {
            assertEquals(RefusalKind.EXPIRED, refused(result).kind());
        } else if (isRunState(expected)) {
            RunChange change = applied(result);
            assertEquals(RunState.valueOf(expected), change.after().state());
            RunTransition last = change.after().lastTransition();
            assertEquals(Optional.of(state), last.from(), "every transition records where it came from");
            assertEquals(RunState.valueOf(expected), last.to());
            assertEquals(change.transitions(), List.of(last));
            assertEquals(
                    run.transitions().size() + 1, change.after().transitions().size());
        } else {
            TransitionResult.Refused<RunChange> refusal = refused(result);
            assertEquals(RefusalKind.valueOf(expected), refusal.kind(), refusal.reason());
            assertTrue(refusal.reason().startsWith("restart-api (run-7) "), refusal.reason());
        }
    }

    private static boolean isRunState(String name) {
        for (RunState s : RunState.values()) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void proposalRecordsRequesterReasonDeadlineAndAnApprovalEvent() {
        RunChange change = RemediationLifecycle.propose(new RunId(7), request(2), T0);
        RemediationRun run = change.after();
        assertEquals(RunState.PROPOSED, run.state());
        assertEquals("U0REQUESTER", run.requestedBy());
        assertEquals(Optional.of(T0.plus(APPROVAL_WINDOW)), run.approvalDeadline());
        assertEquals(
                List.of(new RunTransition(
                        Optional.empty(), RunState.PROPOSED, "U0REQUESTER", T0, "decision high-error-rate chose it")),
                run.transitions());
        assertEquals(TimelineKind.APPROVAL, change.event().kind());
        assertEquals(
                "U0REQUESTER proposed restart-api (run-7) (restart_service): needs 2 approvals by 2024-05-01T10:02:00Z",
                change.event().summary());
        assertTrue(
                change.event().detail().contains("\"preview\":\"kubectl rollout restart deployment/api -n payments\""));
        assertEquals(Optional.empty(), change.automation());
    }

    @Test
    void aStepThatNeedsNoApprovalIsCreatedApprovedAndSaysWhy() {
        RunChange change = RemediationLifecycle.propose(new RunId(7), request(0), T0);
        assertEquals(RunState.APPROVED, change.after().state());
        assertEquals(2, change.transitions().size());
        RunTransition approval = change.after().lastTransition();
        assertEquals(RemediationLifecycle.BOT, approval.actor());
        assertEquals("no approval required: the step is safe for automation", approval.reason());
        assertTrue(start(change.after(), EARLY).isApplied());
    }

    @Test
    void nOfMApprovalsNeedDistinctPeopleAndApproveOnTheLast() {
        RemediationRun run = proposed(2);
        RunChange first = applied(RemediationLifecycle.approve(run, "U1", "", T0.plusSeconds(1)));
        assertEquals(RunState.PROPOSED, first.after().state(), "one of two approvals does not approve");
        assertEquals(
                List.of(new Approval("U1", T0.plusSeconds(1), "")),
                first.after().approvals());
        assertEquals(List.of(), first.transitions(), "a partial approval is not a state change");
        assertEquals("U1 approved restart-api (run-7) (1 of 2)", first.event().summary());

        TransitionResult.Refused<RunChange> again =
                refused(RemediationLifecycle.approve(first.after(), "U1", "", T0.plusSeconds(2)));
        assertEquals(RefusalKind.DUPLICATE_APPROVER, again.kind());
        assertEquals(
                "U1 already approved restart-api (run-7); it needs 2 approvals from different people (1 so far)",
                again.reason());

        RunChange second = applied(RemediationLifecycle.approve(first.after(), "U2", "", T0.plusSeconds(3)));
        assertEquals(RunState.APPROVED, second.after().state());
        assertEquals(2, second.after().approvals().size());
        RunTransition transition = second.after().lastTransition();
        assertEquals("U2", transition.actor());
        assertEquals("approved by U1, U2", transition.reason());
        assertEquals(
                "U2 approved restart-api (run-7) (2 of 2); it may run",
                second.event().summary());
    }

    @Test
    void approvingTwiceIsRefusedAsAlreadyDone() {
        RemediationRun approved = runIn(RunState.APPROVED);
        TransitionResult.Refused<RunChange> refusal = refused(RemediationLifecycle.approve(approved, "U1", "", EARLY));
        assertEquals(RefusalKind.ALREADY_DONE, refusal.kind());
        assertEquals("restart-api (run-7) is already approved (by U1); nothing to approve", refusal.reason());
    }

    @Test
    void approvingAfterARejectionSaysWhoRejectedAndWhy() {
        TransitionResult.Refused<RunChange> refusal =
                refused(RemediationLifecycle.approve(runIn(RunState.REJECTED), "U1", "", EARLY));
        assertEquals(RefusalKind.NOT_ALLOWED, refusal.kind());
        assertEquals(
                "restart-api (run-7) was rejected by U2 at 2024-05-01T10:00:01Z (too risky at peak); nothing to approve",
                refusal.reason());
    }

    @Test
    void runningWithoutApprovalIsRefused() {
        TransitionResult.Refused<RunChange> refusal = refused(start(proposed(2), EARLY));
        assertEquals(RefusalKind.NOT_ALLOWED, refusal.kind());
        assertEquals(
                "restart-api (run-7) is waiting for approval (0 of 2); it cannot run before it is approved",
                refusal.reason());
    }

    @Test
    void runningAfterExpiryIsRefused() {
        TransitionResult.Refused<RunChange> afterExpiry = refused(start(runIn(RunState.EXPIRED), LATE));
        assertEquals(RefusalKind.EXPIRED, afterExpiry.kind());
        assertTrue(afterExpiry.reason().startsWith("restart-api (run-7) expired at 2024-05-01T10:02:00Z"));

        TransitionResult.Refused<RunChange> pastDeadline = refused(start(proposed(1), LATE));
        assertEquals(RefusalKind.EXPIRED, pastDeadline.kind());
        assertEquals(
                "restart-api (run-7): its approval window closed at 2024-05-01T10:02:00Z; it cannot run; propose it"
                        + " again",
                pastDeadline.reason());
    }

    @Test
    void theApprovalDeadlineIsExclusive() {
        Instant deadline = T0.plus(APPROVAL_WINDOW);
        RemediationRun run = proposed(1);
        assertTrue(RemediationLifecycle.approve(run, "U1", "", deadline.minusMillis(1))
                .isApplied());
        TransitionResult.Refused<RunChange> atDeadline = refused(RemediationLifecycle.approve(run, "U1", "", deadline));
        assertEquals(RefusalKind.EXPIRED, atDeadline.kind());
        assertEquals(
                RefusalKind.NOT_DUE,
                refused(RemediationLifecycle.expire(run, deadline.minusMillis(1)))
                        .kind());
        assertTrue(RemediationLifecycle.expire(run, deadline).isApplied());
    }

    @Test
    void aLateDecisionBecomesARecordedExpiry() {
        RemediationRun run = proposed(1);
        TransitionResult<RunChange> late = RemediationLifecycle.approve(run, "U1", "", LATE);
        Optional<RunChange> expiry = RemediationLifecycle.expiryAfterLateDecision(run, late, LATE);
        assertEquals(Optional.of(RunState.EXPIRED), expiry.map(c -> c.after().state()));
        assertEquals(
                Optional.empty(),
                RemediationLifecycle.expiryAfterLateDecision(
                        run, RemediationLifecycle.approve(run, "U1", "", EARLY), EARLY));
    }

    @Test
    void aProposalWithoutDeadlineNeverExpires() {
        NewRun noDeadline =
                new NewRun(INCIDENT.id(), "restart-api", 1, "restart_service", "", "U0", "why", 1, Optional.empty());
        RemediationRun run =
                RemediationLifecycle.propose(new RunId(7), noDeadline, T0).after();
        assertEquals(
                RefusalKind.NOT_DUE,
                refused(RemediationLifecycle.expire(run, LATE)).kind());
        assertTrue(RemediationLifecycle.approve(run, "U1", "", LATE).isApplied());
    }

    @Test
    void startRecordsWorkerAndAbsoluteDeadline() {
        RunChange started = applied(start(runIn(RunState.APPROVED), EARLY));
        assertEquals(Optional.of("worker-1"), started.after().worker());
        assertEquals(Optional.of(EARLY.plus(RUN_TIMEOUT)), started.after().runDeadline());
        assertEquals(TimelineKind.ACTION, started.event().kind());
        assertEquals(
                "U1 started restart-api (run-7) on worker-1", started.event().summary());
    }

    @Test
    void oneRemediationAtATimePerServiceAndEnvironment() {
        RemediationRun other = runIn(RunState.RUNNING);
        RemediationRun mine = applied(RemediationLifecycle.approve(
                        RemediationLifecycle.propose(new RunId(8), request(1), T0)
                                .after(),
                        "U1",
                        "",
                        T0.plusSeconds(1)))
                .after();
        TransitionResult.Refused<RunChange> refusal = refused(RemediationLifecycle.start(
                mine, INCIDENT.target(), Optional.of(other), "U1", "worker-2", RUN_TIMEOUT, EARLY));
        assertEquals(RefusalKind.TARGET_BUSY, refusal.kind());
        assertEquals(
                "restart-api (run-7) is running for payments in prod since 2024-05-01T10:00:02Z; one remediation at a"
                        + " time per service and environment",
                refusal.reason());
    }

    @Test
    void finishingCountsAsAnAutomationResultWithTheOutputInTheDetail() {
        RunChange done = applied(RemediationLifecycle.finish(
                runIn(RunState.RUNNING),
                RunState.SUCCEEDED,
                "worker-1",
                "rollout complete",
                "deployment \"api\"",
                EARLY));
        assertEquals(Optional.of(AutomationResult.SUCCEEDED), done.automation());
        assertTrue(
                done.event().detail().endsWith(",\"output\":\"deployment \\\"api\\\"\"}"),
                done.event().detail());
        AutomationEvent event = done.automationEvent(INCIDENT.target()).orElseThrow();
        assertEquals("restart_service", event.action());
        assertEquals("payments", event.service());
        assertEquals("prod", event.environment());
        assertEquals(AutomationResult.SUCCEEDED, event.result());
    }

    @Test
    void aRejectionCountsAsAHumanOverride() {
        RunChange rejected = applied(RemediationLifecycle.reject(proposed(1), "U2", "", EARLY));
        assertEquals(Optional.of(AutomationResult.OVERRIDDEN), rejected.automation());
        assertEquals("rejected by U2", rejected.after().lastTransition().reason());
    }

    @Test
    void theReaperInterruptsRunsOfDeadWorkersAndTimesOutLateOnes() {
        RemediationRun running = runIn(RunState.RUNNING);
        RunChange gone = applied(RunDeadlines.reap(running, false, EARLY));
        assertEquals(RunState.INTERRUPTED, gone.after().state());
        assertEquals(
                "worker worker-1 stopped without a result",
                gone.after().lastTransition().reason());
        assertEquals(Optional.of(AutomationResult.INTERRUPTED), gone.automation());

        assertEquals(
                RefusalKind.NOT_DUE,
                refused(RunDeadlines.reap(running, true, EARLY)).kind());
        RunChange late = applied(RunDeadlines.reap(running, true, LATE));
        assertEquals(RunState.FAILED, late.after().state());
        assertEquals(Optional.of(AutomationResult.TIMED_OUT), late.automation());
        assertEquals(
                "no result by its deadline 2024-05-01T10:01:02Z (timeout plus grace)",
                late.after().lastTransition().reason());
    }

    @Test
    void restartRecoveryAsksForVerificationNotARerun() {
        RunChange interrupted = applied(RemediationLifecycle.interruptByRestart(runIn(RunState.RUNNING), EARLY));
        assertEquals(RunState.INTERRUPTED, interrupted.after().state());
        assertEquals(
                RemediationLifecycle.RESTARTED,
                interrupted.after().lastTransition().reason());
        assertTrue(interrupted.event().summary().contains("its effect is unknown: verify, then propose it again"));
    }

    @Test
    void anApprovedRunOfAnEndedIncidentCannotStart() {
        Incident resolved = IncidentLifecycle.moveTo(INCIDENT, IncidentState.RESOLVED, "alertmanager", "ended", T0)
                .appliedValue()
                .orElseThrow()
                .after();

        TransitionResult.Refused<RunChange> refused = refused(RemediationLifecycle.start(
                runIn(RunState.APPROVED), resolved.target(), Optional.empty(), "U1", "worker-1", RUN_TIMEOUT, EARLY));

        assertEquals(RefusalKind.NOT_ALLOWED, refused.kind());
        assertTrue(refused.reason().endsWith("and nothing runs on an incident that has ended"), refused.reason());
    }

    @Test
    void endingAnIncidentCancelsItsPendingRunsOnlyAndSaysWhoEndedIt() {
        IncidentChange ended = IncidentLifecycle.moveTo(
                        INCIDENT, IncidentState.RESOLVED, "alertmanager", "alert ended", T0.plusSeconds(5))
                .appliedValue()
                .orElseThrow();
        List<RemediationRun> runs =
                List.of(runIn(RunState.PROPOSED), runIn(RunState.RUNNING), runIn(RunState.APPROVED));

        List<RunChange> cancelled = RunsOfEndedIncident.cancelOnEnd(ended, runs, T0.plusSeconds(5));

        assertEquals(2, cancelled.size());
        for (RunChange change : cancelled) {
            assertEquals(RunState.CANCELLED, change.after().state());
            assertEquals("alertmanager", change.after().lastTransition().actor());
            assertEquals(
                    INCIDENT.id() + " was resolved by alertmanager before it ran",
                    change.after().lastTransition().reason());
        }
        IncidentChange acknowledged =
                IncidentLifecycle.acknowledge(INCIDENT, "U1", T0).appliedValue().orElseThrow();
        assertEquals(List.of(), RunsOfEndedIncident.cancelOnEnd(acknowledged, runs, T0), "an open incident keeps them");
    }

    @Test
    void finishOnlyAcceptsAFinalOutcome() {
        RemediationRun running = runIn(RunState.RUNNING);
        assertThrows(
                IllegalArgumentException.class,
                () -> RemediationLifecycle.finish(running, RunState.APPROVED, "w", "r", "", EARLY));
    }

    @Test
    void refusalsChangeNothing() {
        RemediationRun rejected = runIn(RunState.REJECTED);
        RemediationRun copy = runIn(RunState.REJECTED);
        RemediationLifecycle.approve(rejected, "U1", "", EARLY);
        assertEquals(copy, rejected);
        assertFalse(RemediationLifecycle.approve(rejected, "U1", "", EARLY).isApplied());
    }
}
