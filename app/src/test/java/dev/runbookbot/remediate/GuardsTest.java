package dev.runbookbot.remediate;

import static dev.runbookbot.remediate.TestRunbooks.approvalRequired;
import static dev.runbookbot.remediate.TestRunbooks.automated;
import static dev.runbookbot.remediate.TestRunbooks.safeForAutomation;
import static dev.runbookbot.remediate.TestRunbooks.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.InMemoryPromotions;
import dev.runbookbot.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each guard on its own, and the chain: pure functions of the context, with their exact refusal texts. */
class GuardsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryPromotions promotions = new InMemoryPromotions(clock);

    private static Incident incident(String environment) {
        return new Incident(
                new IncidentId(4),
                "payments 5xx above 5%",
                "payments-slow",
                "sha256:test",
                "payments",
                Severity.P1,
                environment,
                IncidentSource.ALERTMANAGER,
                Optional.empty(),
                Optional.empty(),
                IncidentState.AWAITING_APPROVAL,
                "alertmanager",
                T0,
                T0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static RemediationRun run(RunState state, int required, String... approvers) {
        List<Approval> approvals = new ArrayList<>();
        for (String approver : approvers) {
            approvals.add(new Approval(approver, T0, ""));
        }
        return new RemediationRun(
                new RunId(7),
                new IncidentId(4),
                "clear-cache",
                1,
                "flush_cache",
                "fake flush_cache\nterminate idle connections of payments",
                state,
                "U0REQUESTER",
                T0,
                required,
                approvals,
                Optional.of(T0.plus(SafetySpec.DEFAULT_APPROVAL_TIMEOUT)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(new RunTransition(Optional.empty(), state, "U0REQUESTER", T0, "proposed")));
    }

    private static GuardContext context(
            Incident incident, RemediationRun run, RemediationSpec remediation, int requiredByRunbook, Instant at) {
        RunbookSpec runbook =
                TestRunbooks.runbook(List.of(step("check_db")), List.of(), List.of(remediation), requiredByRunbook);
        return new GuardContext(
                incident.target(),
                run,
                new RemediationContext(runbook, remediation, TemplateContext.empty(), Optional.empty()),
                run.preview(),
                "U0APPROVER",
                at);
    }

    private static GuardDecision.Refuse refused(GuardDecision decision) {
        return assertInstanceOf(GuardDecision.Refuse.class, decision);
    }

    // ---- approval

    @Test
    void anApprovedRunWithEnoughPeoplePasses() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        assertTrue(new ApprovalGuard()
                .check(context(incident("prod"), run(RunState.APPROVED, 2, "U1", "U2"), cache, 2, T0))
                .allowed());
    }

    @Test
    void tooFewPeopleAreRefusedEvenWhenTheRunSaysApproved() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        GuardDecision.Refuse refuse = refused(
                new ApprovalGuard().check(context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 2, T0)));
        assertEquals(RefusalKind.NOT_ALLOWED, refuse.kind());
        assertEquals(
                "clear-cache (run-7) has 1 of 2 required approvals from people: the runbook sets requiresApproval;"
                        + " propose it again so it can be approved",
                refuse.reason());
    }

    @Test
    void aStepNotMarkedSafeNeedsAPersonEvenIfProposedWithoutApproval() {
        RemediationSpec unsafe = automated(
                "clear-cache",
                ActionType.FLUSH_CACHE,
                new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT));
        GuardDecision.Refuse refuse = refused(new ApprovalGuard()
                .check(context(incident("prod"), run(RunState.APPROVED, 0, RemediationLifecycle.BOT), unsafe, 1, T0)));
        assertEquals(
                "clear-cache (run-7) has 0 of 1 required approval from people: it is not marked safe for automation;"
                        + " propose it again so it can be approved",
                refuse.reason());
    }

    @Test
    void requiresApprovalWinsOverSafe() {
        RemediationSpec both = automated(
                "clear-cache",
                ActionType.FLUSH_CACHE,
                new SafetySpec(true, true, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT));
        RemediationSpec safe = automated("clear-cache", ActionType.FLUSH_CACHE, safeForAutomation());
        RunbookSpec runbook = TestRunbooks.runbook(List.of(step("check_db")), List.of(), List.of(both), 2);
        assertEquals(2, ApprovalGuard.requiredApprovals(runbook, both));
        assertEquals(0, ApprovalGuard.requiredApprovals(runbook, safe));
        assertTrue(new ApprovalGuard()
                .check(context(incident("prod"), run(RunState.APPROVED, 0), safe, 1, T0))
                .allowed());
    }

    @Test
    void aProposalIsRefusedBeforeAndAfterItsDeadline() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        RemediationRun proposed = run(RunState.PROPOSED, 1);

        GuardDecision.Refuse waiting =
                refused(new ApprovalGuard().check(context(incident("prod"), proposed, cache, 1, T0)));
        assertEquals(RefusalKind.NOT_ALLOWED, waiting.kind());
        assertEquals(
                "clear-cache (run-7) is waiting for approval (0 of 1); it cannot run before it is approved",
                waiting.reason());

        Instant deadline = T0.plus(SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
        GuardDecision.Refuse expired =
                refused(new ApprovalGuard().check(context(incident("prod"), proposed, cache, 1, deadline)));
        assertEquals(RefusalKind.EXPIRED, expired.kind());
        assertEquals(
                "clear-cache (run-7): its approval window closed at 2025-03-01T03:02:00Z with 0 of 1 approvals; it"
                        + " cannot run; propose it again",
                expired.reason());
    }

    @Test
    void finishedRunsCannotRunAgain() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        assertEquals(
                RefusalKind.ALREADY_DONE,
                refused(new ApprovalGuard()
                                .check(context(incident("prod"), run(RunState.RUNNING, 1, "U1"), cache, 1, T0)))
                        .kind());
        assertEquals(
                RefusalKind.EXPIRED,
                refused(new ApprovalGuard().check(context(incident("prod"), run(RunState.EXPIRED, 1), cache, 1, T0)))
                        .kind());
        assertEquals(
                RefusalKind.NOT_ALLOWED,
                refused(new ApprovalGuard()
                                .check(context(incident("prod"), run(RunState.FAILED, 1, "U1"), cache, 1, T0)))
                        .kind());
    }

    // ---- environment scope

    @Test
    void anEnvironmentOutsideTheScopesIsRefusedWithThePromoteCommand() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired("staging", "dev"));
        EnvironmentScopeGuard guard = new EnvironmentScopeGuard(promotions);

        assertEquals(
                "remediation clear-cache may run in [staging, dev]; this incident is in prod. Promote it with:"
                        + " runbookctl promote --action clear-cache --env prod --evidence-url URL",
                refused(guard.check(context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0)))
                        .reason());
        assertTrue(guard.check(context(incident("DEV"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0))
                .allowed());
    }

    @Test
    void aPromotionAllowsThatActionInThatEnvironmentOnly() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired("staging"));
        EnvironmentScopeGuard guard = new EnvironmentScopeGuard(promotions);
        promotions.promote("clear-cache", "prod", "U0LEAD", "https://reports.internal/cache-validation");
        promotions.promote("other-action", "eu-prod", "U0LEAD", "https://reports.internal/other");

        assertTrue(guard.check(context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0))
                .allowed());
        assertTrue(refused(guard.check(context(incident("eu-prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0)))
                .reason()
                .startsWith("remediation clear-cache may run in [staging]; this incident is in eu-prod."));
    }

    @Test
    void noScopesMeansEveryEnvironment() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        assertTrue(new EnvironmentScopeGuard(promotions)
                .check(context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0))
                .allowed());
    }

    @Test
    void aPromotionNeedsEvidence() {
        IllegalArgumentException noUrl = assertThrows(
                IllegalArgumentException.class, () -> promotions.promote("clear-cache", "prod", "U0LEAD", "see slack"));
        assertEquals("evidence URL 'see slack' is not a URL: Illegal character in path", noUrl.getMessage());
        IllegalArgumentException file = assertThrows(
                IllegalArgumentException.class,
                () -> promotions.promote("clear-cache", "prod", "U0LEAD", "file:///etc/passwd"));
        assertEquals(
                "evidence URL 'file:///etc/passwd' must be an absolute http or https URL with a host",
                file.getMessage());
        IllegalArgumentException twoWords = assertThrows(
                IllegalArgumentException.class,
                () -> promotions.promote("clear-cache", "prod eu", "U0LEAD", "https://reports.internal/x"));
        assertEquals("environment 'prod eu' must be one word, without spaces", twoWords.getMessage());
        assertEquals(List.of(), promotions.list());
    }

    // ---- unchanged action and the chain

    @Test
    void theActionAsItWouldRunNowMustBeWhatWasApproved() {
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        GuardContext same = context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0);
        assertTrue(new UnchangedActionGuard().check(same).allowed());
        GuardContext changed = new GuardContext(
                same.incident(), same.run(), same.remediation(), same.preview() + " and billing", "U1", T0);
        assertTrue(refused(new UnchangedActionGuard().check(changed))
                .reason()
                .startsWith("what clear-cache (run-7) would run now differs from what was approved"));
    }

    @Test
    void theChainAnswersWithTheFirstRefusalAndAsksNoFurther() {
        List<String> asked = new ArrayList<>();
        GuardChain chain = new GuardChain(List.of(
                c -> {
                    asked.add("first");
                    return GuardDecision.allow();
                },
                c -> {
                    asked.add("second");
                    return GuardDecision.refuse("second says no");
                },
                c -> {
                    asked.add("third");
                    return GuardDecision.refuse("third says no");
                }));
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());

        GuardDecision decision = chain.check(context(incident("prod"), run(RunState.APPROVED, 1, "U1"), cache, 1, T0));

        assertEquals(new GuardDecision.Refuse(RefusalKind.NOT_ALLOWED, "second says no"), decision);
        assertEquals(List.of("first", "second"), asked);
    }

    @Test
    void anApprovedRunOfAnEndedIncidentIsRefusedFirst() {
        Incident open = incident("prod");
        Incident resolved = new Incident(
                open.id(),
                open.title(),
                open.runbookId(),
                open.runbookVersion(),
                open.service(),
                open.severity(),
                open.environment(),
                open.source(),
                open.dedupKey(),
                open.thread(),
                IncidentState.RESOLVED,
                open.triggeredBy(),
                T0,
                T0.plusSeconds(30),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        RemediationSpec cache = automated("clear-cache", ActionType.FLUSH_CACHE, approvalRequired());
        RemediationRun approved = run(RunState.APPROVED, 1, "U1");

        assertTrue(new ActiveIncidentGuard()
                .check(context(open, approved, cache, 1, T0))
                .allowed());
        GuardDecision.Refuse refuse = refused(GuardChain.standard(new InMemoryPromotions(java.time.Clock.systemUTC()))
                .check(context(resolved, approved, cache, 1, T0)));
        assertEquals(
                approved.label() + " cannot run: INC-4 is resolved since " + T0.plusSeconds(30)
                        + ", and nothing runs on an incident that has ended",
                refuse.reason());
    }
}
