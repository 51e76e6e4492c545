package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.TestRunbooks.approvalRequired;
import static dev.runbookbot.remediate.TestRunbooks.automated;
import static dev.runbookbot.remediate.TestRunbooks.decision;
import static dev.runbookbot.remediate.TestRunbooks.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery check with real diagnosis (runner, CEL interpretation, decision engine) over a scripted world, a manual
 * scheduler for the settle time and the in-memory store for the timeline. Nothing sleeps.
 */
class RecoveryCheckTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String DB_DECISION = "DB connection pool exhausted";
    private static final String PODS_DECISION = "Pods failing while errors rise";

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final ScriptedDiagnostics world = new ScriptedDiagnostics();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Verification> heard = new CopyOnWriteArrayList<>();
    private final CelConditionLanguage cel = new CelConditionLanguage();
    private final Diagnoser diagnoser = diagnoser(world, pool, timer, clock);
    private final RecoveryCheck check = new RecoveryCheck(
            diagnoser,
            cel,
            store,
            heard::add,
            scheduler,
            SETTLE,
            text -> text.replace("hunter2", "<secret:PW>"),
            clock);

    private final RunbookSpec runbook = TestRunbooks.runbook(
            List.of(step("check_db"), step("check_pods"), step("check_errors")),
            List.of(
                    decision("diagnostics.check_db.status == 'critical'", DB_DECISION, "kill_idle"),
                    decision(
                            "diagnostics.check_pods.status == 'critical' && diagnostics.check_errors.status !="
                                    + " 'healthy'",
                            PODS_DECISION,
                            "restart_pods")),
            List.of(
                    automated("kill_idle", ActionType.RUN_SCRIPT, approvalRequired()),
                    automated("restart_pods", ActionType.RESTART_SERVICE, approvalRequired())),
            1);
    private final TemplateContext inputs = new TemplateContext(Map.of("db", "payments"), Map.of(), Map.of());

    static Diagnoser diagnoser(
            ScriptedDiagnostics world, ExecutorService pool, ScheduledExecutorService timer, Clock clock) {
        CelConditionLanguage cel = new CelConditionLanguage();
        DiagnosticExecutors executors = DiagnosticExecutors.of(List.of(world));
        ParallelRunner runner =
                new ParallelRunner(executors, new ConditionStepInterpreter(cel, executors), pool, timer, clock);
        return new Diagnoser(runner, new DecisionEngine(clock), cel, Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private Incident incident() {
        return store.open(new NewIncident(
                        "payments 5xx above 5%",
                        runbook.id(),
                        runbook.version(),
                        "payments",
                        Severity.P1,
                        "prod",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("fp-1"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.empty()))
                .value();
    }

    private RemediationRun run(Incident incident, String remediationId) {
        return store.propose(new NewRun(
                        incident.id(),
                        remediationId,
                        1,
                        "run_script",
                        "preview",
                        "U0REQUESTER",
                        "proposed by the test",
                        0,
                        Optional.empty()))
                .value();
    }

    /** The diagnosis that proposed the remediations: the database is critical, pods and errors healthy. */
    private DiagnosisReport before(double db, double pods, double errors) {
        world.set("check_db", db);
        world.set("check_pods", pods);
        world.set("check_errors", errors);
        DiagnosisReport report = diagnoser.diagnose(runbook, inputs, RunListener.NONE);
        world.ran.clear();
        return report;
    }

    private RemediationContext context(String remediationId, Optional<DiagnosisReport> diagnosis) {
        return new RemediationContext(
                runbook, runbook.remediation(remediationId).orElseThrow(), inputs, diagnosis);
    }

    private TimelineEvent lastEntry(Incident incident) {
        List<TimelineEvent> timeline = store.timeline(incident.id());
        return timeline.get(timeline.size() - 1);
    }

    @Test
    void recoveredAfterTheSettleTimeWhenTheDecidingConditionNoLongerHolds() throws Exception {
        Incident incident = incident();
        RemediationRun run = run(incident, "kill_idle");
        RemediationContext context = context("kill_idle", Optional.of(before(97, 10, 10)));
        world.set("check_db", 40);

        ScheduledFuture<Verification> scheduled = check.schedule(incident.id(), run.id(), context);
        assertEquals(Optional.of(SETTLE), scheduler.nextDueIn());
        assertEquals(0, scheduler.advance(SETTLE.minusSeconds(1)));
        assertTrue(heard.isEmpty(), "nothing runs before the settle time");
        assertEquals(List.of(), world.ran);
        assertEquals(1, scheduler.advance(Duration.ofSeconds(1)));

        Verification verification = scheduled.get();
        assertEquals(List.of(verification), heard);
        assertEquals(Verification.Verdict.RECOVERED, verification.verdict());
        assertTrue(verification.recovered());
        assertEquals("decision '" + DB_DECISION + "' no longer holds and no step is critical", verification.reason());
        assertEquals(List.of(DB_DECISION), verification.decisions());
        assertEquals(List.of("check_db"), world.ran, "only the step the deciding condition reads runs again");
        assertEquals(
                List.of("check_db: critical -> healthy"),
                verification.steps().stream().map(StepComparison::describe).toList());

        TimelineEvent entry = lastEntry(incident);
        assertEquals(TimelineKind.DIAGNOSTIC, entry.kind());
        assertEquals(Optional.of(run.id()), entry.runId());
        assertEquals(
                "recovery check after kill_idle (run-1): recovered — decision '" + DB_DECISION
                        + "' no longer holds and no step is critical [check_db: critical -> healthy]",
                entry.summary());
        assertTrue(entry.detail().contains("\"step\":\"check_db\",\"before\":\"critical\""), entry.detail());
        assertTrue(entry.detail().contains("\"after\":\"healthy\""), entry.detail());
    }

    @Test
    void notRecoveredWhileTheDecidingConditionStillHolds() {
        Incident incident = incident();
        RemediationRun run = run(incident, "kill_idle");
        RemediationContext context = context("kill_idle", Optional.of(before(97, 10, 10)));
        world.set("check_db", 95);

        Verification verification = check.verify(incident.id(), run.id(), context);

        assertEquals(Verification.Verdict.NOT_RECOVERED, verification.verdict());
        assertFalse(verification.recovered());
        assertTrue(
                verification
                        .reason()
                        .startsWith("decision '" + DB_DECISION + "' still holds; step check_db is critical"),
                verification.reason());
        assertEquals(
                List.of("check_db: critical -> critical"),
                verification.steps().stream().map(StepComparison::describe).toList());
        assertTrue(
                lastEntry(incident).summary().contains(": not recovered — decision"),
                lastEntry(incident).summary());
        assertEquals(List.of(verification), heard);
    }

    @Test
    void aStepThatCannotBeReadNeverLooksRecovered() {
        Incident incident = incident();
        RemediationRun run = run(incident, "kill_idle");
        RemediationContext context = context("kill_idle", Optional.of(before(97, 10, 10)));
        world.unreachable("check_db");

        Verification verification = check.verify(incident.id(), run.id(), context);

        assertEquals(Verification.Verdict.INCONCLUSIVE, verification.verdict());
        assertEquals(
                "cannot tell: step check_db is error: prometheus at 127.0.0.1:9 did not answer", verification.reason());
        assertFalse(verification.recovered());
    }

    @Test
    void reRunsEveryStepTheDecidingConditionReadsAndOnlyThose() {
        Incident incident = incident();
        RemediationRun run = run(incident, "restart_pods");
        RemediationContext context = context("restart_pods", Optional.of(before(10, 99, 75)));
        world.set("check_pods", 99);
        world.set("check_errors", 30);

        Verification verification = check.verify(incident.id(), run.id(), context);

        assertEquals(
                List.of("check_errors", "check_pods"),
                world.ran.stream().sorted().toList());
        assertEquals(Verification.Verdict.NOT_RECOVERED, verification.verdict(), verification.reason());
        assertTrue(verification.reason().startsWith("step check_pods is critical"), verification.reason());
        assertEquals(
                List.of("check_pods: critical -> critical", "check_errors: warning -> healthy"),
                verification.steps().stream().map(StepComparison::describe).toList());
    }

    @Test
    void withoutTheOriginalDiagnosisTheDecisionsNamingTheRemediationDecide() {
        Incident incident = incident();
        RemediationRun run = run(incident, "kill_idle");
        world.set("check_db", 20);

        Verification verification = check.verify(incident.id(), run.id(), context("kill_idle", Optional.empty()));

        assertEquals(Verification.Verdict.RECOVERED, verification.verdict());
        assertEquals(List.of(DB_DECISION), verification.decisions());
        assertEquals(
                List.of("check_db: healthy"),
                verification.steps().stream().map(StepComparison::describe).toList());
    }

    @Test
    void aFailingListenerDoesNotLoseTheVerdict() throws ExecutionException, InterruptedException {
        RecoveryCheck loud = new RecoveryCheck(
                diagnoser,
                cel,
                store,
                v -> {
                    throw new IllegalStateException("slack is down");
                },
                scheduler,
                SETTLE,
                text -> text,
                clock);
        Incident incident = incident();
        RemediationRun run = run(incident, "kill_idle");
        world.set("check_db", 20);

        ScheduledFuture<Verification> scheduled =
                loud.schedule(incident.id(), run.id(), context("kill_idle", Optional.empty()));
        scheduler.advance(SETTLE);

        assertEquals(Verification.Verdict.RECOVERED, scheduled.get().verdict());
        assertTrue(lastEntry(incident).summary().startsWith("recovery check after kill_idle (run-1): recovered"));
    }
}
