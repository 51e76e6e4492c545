package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.TestRunbooks.approvalRequired;
import static dev.runbookbot.remediate.TestRunbooks.automated;
import static dev.runbookbot.remediate.TestRunbooks.decision;
import static dev.runbookbot.remediate.TestRunbooks.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.PreconditionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code require} re-checked on fresh diagnostics (real runner, CEL and decision engine over a scripted world) and
 * {@code after} over the incident's runs, each with the exact text the person reads.
 */
class PreconditionAndOrderingGuardsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final ScriptedDiagnostics world = new ScriptedDiagnostics();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Diagnoser diagnoser = RecoveryCheckTest.diagnoser(world, pool, timer, clock);
    private final PreconditionGuard preconditions =
            new PreconditionGuard(new DiagnoserFreshDiagnostics(diagnoser), new CelConditionLanguage());

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private static RemediationSpec with(RemediationSpec r, PreconditionSpec preconditions) {
        return RemediationSpec.of(r.id(), r.name(), r.type(), r.location())
                .description(r.description())
                .action(r.action())
                .instructions(r.instructions())
                .safety(r.safety())
                .expect(r.expect())
                .handOff(r.handOff())
                .reason(r.reason())
                .preconditions(preconditions)
                .build();
    }

    private static final RemediationSpec CORDON = automated("cordon", ActionType.RUN_SCRIPT, approvalRequired());
    private static final RemediationSpec KILL = with(
            automated("kill_idle", ActionType.RUN_SCRIPT, approvalRequired()),
            new PreconditionSpec(
                    Optional.of("diagnostics.check_db.value >= 90.0 && params.db == 'orders'"), List.of("cordon")));

    private final RunbookSpec runbook = TestRunbooks.runbook(
            List.of(step("check_db"), step("check_pods")),
            List.of(decision("diagnostics.check_db.status == 'critical'", "pool exhausted", "cordon", "kill_idle")),
            List.of(CORDON, KILL),
            1);

    private static RemediationRun run(long id, String remediation, RunState state) {
        return run(id, remediation, state, List.of(new Approval("U0APPROVER", T0, "")));
    }

    private static RemediationRun run(long id, String remediation, RunState state, List<Approval> approvals) {
        return new RemediationRun(
                new RunId(id),
                new IncidentId(4),
                remediation,
                1,
                "run_script",
                "preview",
                state,
                "U0REQUESTER",
                T0,
                1,
                approvals,
                Optional.of(T0.plus(SafetySpec.DEFAULT_APPROVAL_TIMEOUT)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(new RunTransition(Optional.empty(), state, "U0REQUESTER", T0, "proposed")));
    }

    private GuardContext context(RemediationSpec remediation) {
        RemediationTarget incident = new RemediationTarget(
                new IncidentId(4), "payments", "prod", Severity.P2, "payments-slow", "v1", true, "open", T0);
        return new GuardContext(
                incident,
                run(7, remediation.id(), RunState.APPROVED),
                new RemediationContext(
                        runbook,
                        remediation,
                        new TemplateContext(Map.of("db", "orders"), Map.of(), Map.of()),
                        Optional.empty()),
                "preview",
                "U0APPROVER",
                T0);
    }

    @Test
    void aPreconditionThatStillHoldsOnFreshReadingsLetsTheRunGoOn() {
        world.set("check_db", 95.0);
        world.set("check_pods", 10.0);

        assertTrue(preconditions.check(context(KILL)).allowed());
        assertEquals(List.of("check_db"), world.ran, "only the step the condition reads runs again");
    }

    @Test
    void aPreconditionThatNoLongerHoldsRefusesWithTheConditionAndTheValuesItRead() {
        world.set("check_db", 42.0);

        GuardDecision.Refuse refuse = assertInstanceOf(GuardDecision.Refuse.class, preconditions.check(context(KILL)));
        assertEquals(RefusalKind.PRECONDITION_FAILED, refuse.kind(), "the pipeline cancels such a run");
        assertEquals(
                "its precondition `diagnostics.check_db.value >= 90.0 && params.db =="
                        + " 'orders'` no longer holds, re-checked just now: diagnostics.check_db.value=42.0",
                refuse.reason());
    }

    @Test
    void aStepThatCannotBeReadRefusesTheRunAndSaysWhy() {
        world.unreachable("check_db");

        GuardDecision.Refuse refuse = assertInstanceOf(GuardDecision.Refuse.class, preconditions.check(context(KILL)));
        assertTrue(
                refuse.reason()
                        .startsWith("its precondition `diagnostics.check_db.value >="
                                + " 90.0 && params.db == 'orders'` could not be evaluated on the fresh results: "),
                refuse.reason());
        assertTrue(
                refuse.reason()
                        .endsWith(": diagnostics.check_db.value has no value (step check_db is error: prometheus at"
                                + " 127.0.0.1:9 did not answer)"),
                refuse.reason());
    }

    @Test
    void aRemediationWithoutPreconditionsRunsNothingAgain() {
        assertTrue(preconditions.check(context(CORDON)).allowed());
        assertEquals(List.of(), world.ran);
    }

    @Test
    void anOrderingWaitsUntilTheRemediationItNamesSucceeded() {
        assertEquals(
                Optional.of("runs only after cordon succeeded in this incident; cordon (Remediation cordon) has not"
                        + " been proposed in this incident"),
                OrderingGuard.waitingFor(runbook, KILL, List.of()));
        assertEquals(
                Optional.of("runs only after cordon succeeded in this incident; cordon (Remediation cordon) is waiting"
                        + " for approval (0 of 1)"),
                OrderingGuard.waitingFor(runbook, KILL, List.of(run(3, "cordon", RunState.PROPOSED, List.of()))));
        assertEquals(
                Optional.empty(),
                OrderingGuard.waitingFor(
                        runbook,
                        KILL,
                        List.of(run(3, "cordon", RunState.FAILED), run(5, "cordon", RunState.SUCCEEDED))));
        assertEquals(Optional.empty(), OrderingGuard.waitingFor(runbook, CORDON, List.of()));
    }
}
