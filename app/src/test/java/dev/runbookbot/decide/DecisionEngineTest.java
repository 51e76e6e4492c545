package dev.runbookbot.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.TimelineEntry;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
    private static final Path FILE = Path.of("runbooks/payments-slow.yaml");
    private static final SourceLocation HERE = SourceLocation.unknown(FILE);
    private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");
    private static final Instant DECIDED = Instant.parse("2025-03-01T03:00:05Z");

    private final CelConditionLanguage cel = new CelConditionLanguage();
    private final DecisionEngine engine = new DecisionEngine(Clock.fixed(DECIDED, ZoneOffset.UTC));

    private static DiagnosticSpec diagnostic(String id) {
        return new DiagnosticSpec(
                id,
                id,
                "",
                DiagnosticType.PROMETHEUS_QUERY,
                StepConfig.empty(id),
                DiagnosticSpec.DEFAULT_TIMEOUT,
                null,
                HERE);
    }

    private static RemediationSpec remediation(String id) {
        return RemediationSpec.of(id, id, RemediationType.MANUAL, HERE)
                .instructions(Optional.of("do it"))
                .safety(new SafetySpec(true, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .build();
    }

    private static DecisionSpec decision(String condition, String description, String... then) {
        return new DecisionSpec(condition, List.of(then), description, HERE);
    }

    private static RunbookSpec runbook(List<DecisionSpec> tree) {
        return new RunbookSpec(
                "payments-slow",
                "Payments slow",
                "",
                Severity.P1,
                "payments",
                List.of(),
                List.of(),
                "",
                List.of(),
                List.of(),
                List.of(diagnostic("check_db"), diagnostic("check_deploy"), diagnostic("check_pods")),
                tree,
                List.of(
                        remediation("scale_db"),
                        remediation("escalate_infra"),
                        remediation("rollback"),
                        remediation("notify")),
                new EscalationSpec("#payments-oncall", Optional.empty(), 30),
                ApprovalSpec.defaults(),
                "sha256:test",
                FILE);
    }

    private static DiagnosticResult result(
            String id, DiagnosticStatus status, String reason, Map<String, Object> facts, int startMs, int tookMs) {
        return new DiagnosticResult(
                id,
                id,
                DiagnosticType.PROMETHEUS_QUERY,
                status,
                reason,
                status == DiagnosticStatus.ERROR ? Optional.of(FailureKind.UNREACHABLE) : Optional.empty(),
                facts,
                "",
                List.of(),
                T0.plusMillis(startMs),
                Duration.ofMillis(tookMs));
    }

    private Plan decide(RunbookSpec runbook, List<DiagnosticResult> results) throws ConditionException {
        return engine.decide(
                runbook,
                CompiledDecision.compileAll(runbook.decisionTree(), cel),
                results,
                new TemplateContext(Map.of("threshold", 80), Map.of("namespace", "payments"), Map.of()));
    }

    @Test
    void aRemediationChosenTwiceIsPlannedOnceNamingTheFirstDecision() throws Exception {
        RunbookSpec runbook = runbook(List.of(
                decision(
                        "diagnostics.check_db.status === 'critical'",
                        "DB connection pool exhausted",
                        "scale_db",
                        "escalate_infra"),
                decision("diagnostics.check_deploy.status === 'warning'", "Recent deploy", "rollback"),
                decision("overall_severity == 'critical' && severity == 'P1'", "", "escalate_infra", "notify"),
                decision("diagnostics.check_pods.status == 'critical'", "Pods down", "rollback")));
        List<DiagnosticResult> results = List.of(
                result(
                        "check_db",
                        DiagnosticStatus.CRITICAL,
                        "`value >= 90` held with value=97",
                        Map.of("value", 97.0),
                        0,
                        120),
                result("check_deploy", DiagnosticStatus.WARNING, "`deploy_within_30m` held", Map.of(), 0, 80),
                result("check_pods", DiagnosticStatus.HEALTHY, "`all_ready == true` held", Map.of(), 5, 30));

        Plan plan = decide(runbook, results);

        assertEquals(OverallSeverity.CRITICAL, plan.severity());
        assertEquals(
                List.of("scale_db", "escalate_infra", "rollback", "notify"),
                plan.remediations().stream().map(r -> r.remediation().id()).toList());
        PlannedRemediation escalate = plan.remediations().get(1);
        assertEquals("DB connection pool exhausted", escalate.chosenBy());
        assertEquals(
                List.of("decision 3 (overall_severity == 'critical' && severity == 'P1')"), escalate.alsoChosenBy());
        assertEquals(List.of(), plan.remediations().get(0).alsoChosenBy());
        assertEquals("Recent deploy", plan.remediations().get(2).chosenBy());

        assertEquals(
                List.of(0, 1, 2),
                plan.matched().stream().map(MatchedDecision::index).toList());
        MatchedDecision first = plan.matched().get(0);
        assertEquals("DB connection pool exhausted", first.description());
        assertEquals("diagnostics.check_db.status == 'critical'", first.condition());
        assertEquals(List.of("scale_db", "escalate_infra"), first.remediationIds());

        assertEquals(1, plan.unmatched().size());
        UnmatchedDecision pods = plan.unmatched().get(0);
        assertEquals("Pods down", pods.label());
        assertEquals("condition is false", pods.reason());
        assertFalse(pods.evaluationFailed());
        assertEquals(DECIDED, plan.decidedAt());
    }

    @Test
    void aDecisionReadingAStepThatErroredDoesNotMatchAndSaysWhy() throws Exception {
        RunbookSpec runbook = runbook(List.of(
                decision("diagnostics.check_db.value > 90", "DB saturated", "scale_db"),
                decision("diagnostics.check_db.status == 'error'", "DB unreadable", "escalate_infra")));
        List<DiagnosticResult> results = List.of(
                result("check_db", DiagnosticStatus.ERROR, "connection refused by 127.0.0.1:5432", Map.of(), 0, 3),
                result("check_deploy", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3),
                result("check_pods", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3));

        Plan plan = decide(runbook, results);

        UnmatchedDecision saturated = plan.unmatched().get(0);
        assertTrue(saturated.evaluationFailed());
        assertEquals(
                "could not be evaluated: `diagnostics.check_db` has no key 'value' (step check_db is error:"
                        + " connection refused by 127.0.0.1:5432)",
                saturated.reason());
        assertEquals(
                List.of("escalate_infra"),
                plan.remediations().stream().map(r -> r.remediation().id()).toList());
        assertEquals(OverallSeverity.UNKNOWN, plan.severity(), "an error is never healthy");
        assertTrue(plan.timeline().stream()
                .anyMatch(e -> e.event().equals("decision 'DB saturated' " + saturated.reason())));
    }

    @Test
    void aStepWithoutAResultReadsAsUnknown() throws Exception {
        RunbookSpec runbook =
                runbook(List.of(decision("diagnostics.check_pods.status == 'unknown'", "Pods not checked", "notify")));
        List<DiagnosticResult> results = List.of(
                result("check_db", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3),
                result("check_deploy", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3));

        Plan plan = decide(runbook, results);

        assertEquals(
                List.of("notify"),
                plan.remediations().stream().map(r -> r.remediation().id()).toList());
        assertEquals(OverallSeverity.UNKNOWN, plan.severity());
    }

    @Test
    void theTimelineHasTheResultsInOrderThenTheDecisionsAndThePlan() throws Exception {
        RunbookSpec runbook =
                runbook(List.of(decision("diagnostics.check_db.status == 'critical'", "DB exhausted", "scale_db")));
        List<DiagnosticResult> results = List.of(
                result("check_db", DiagnosticStatus.CRITICAL, "`value >= 90` held with value=97", Map.of(), 0, 300),
                result("check_deploy", DiagnosticStatus.HEALTHY, "`no_recent_deploy` held", Map.of(), 0, 100),
                result("check_pods", DiagnosticStatus.HEALTHY, "`all_ready == true` held", Map.of(), 10, 150));

        Plan plan = decide(runbook, results);

        assertEquals(
                List.of(
                        new TimelineEntry(T0, "diagnostics started: 3 steps"),
                        new TimelineEntry(T0.plusMillis(100), "check_deploy: healthy — `no_recent_deploy` held"),
                        new TimelineEntry(T0.plusMillis(160), "check_pods: healthy — `all_ready == true` held"),
                        new TimelineEntry(T0.plusMillis(300), "check_db: critical — `value >= 90` held with value=97"),
                        new TimelineEntry(DECIDED, "decision 'DB exhausted' matched: proposes scale_db"),
                        new TimelineEntry(DECIDED, "overall severity: critical (2 healthy, 1 critical)"),
                        new TimelineEntry(DECIDED, "plan: scale_db (by 'DB exhausted')")),
                plan.timeline());
    }

    @Test
    void nothingMatchingMeansAnEmptyPlanThatSaysSo() throws Exception {
        RunbookSpec runbook =
                runbook(List.of(decision("diagnostics.check_db.status == 'critical'", "DB exhausted", "scale_db")));
        List<DiagnosticResult> results = List.of(
                result("check_db", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3),
                result("check_deploy", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3),
                result("check_pods", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3));

        Plan plan = decide(runbook, results);

        assertEquals(OverallSeverity.HEALTHY, plan.severity());
        assertEquals(List.of(), plan.remediations());
        assertEquals(List.of(), plan.matched());
        assertEquals(
                "plan: no remediation proposed",
                plan.timeline().get(plan.timeline().size() - 1).event());
    }

    @Test
    void decisionsSeeFactsInputsAndSeverity() throws Exception {
        RunbookSpec runbook = runbook(List.of(decision(
                "diagnostics.check_db.value > params.threshold && labels.namespace == 'payments'"
                        + " && diagnostics.check_db.failure == ''",
                "Over threshold",
                "scale_db")));
        List<DiagnosticResult> results = List.of(
                result("check_db", DiagnosticStatus.WARNING, "w", Map.of("value", 85.0), 0, 3),
                result("check_deploy", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3),
                result("check_pods", DiagnosticStatus.HEALTHY, "ok", Map.of(), 0, 3));

        Plan plan = decide(runbook, results);

        assertEquals(
                List.of("scale_db"),
                plan.remediations().stream().map(r -> r.remediation().id()).toList());
        assertEquals(OverallSeverity.WARNING, plan.severity());
    }

    @Test
    void theScopeHelperBuildsOneEntryPerStepWithStatusReasonAndFacts() {
        RunbookSpec runbook = runbook(List.of());
        DiagnosticResult db =
                result("check_db", DiagnosticStatus.CRITICAL, "why", Map.of("value", 97.0, "status", 500L), 0, 3);
        DiagnosticResult deploy = result("check_deploy", DiagnosticStatus.ERROR, "refused", Map.of(), 0, 3);

        Map<String, Object> variables = DecisionScope.variables(
                runbook, List.of(db, deploy), TemplateContext.empty().withNow(java.time.Instant.EPOCH));

        assertEquals(
                Map.of(
                        "check_db",
                        Map.of("value", 97.0, "status", "critical", "reason", "why", "failure", ""),
                        "check_deploy",
                        Map.of("status", "error", "reason", "refused", "failure", "unreachable"),
                        "check_pods",
                        Map.of("status", "unknown", "reason", "no result: the step did not run", "failure", "")),
                variables.get("diagnostics"));
        assertEquals("P1", variables.get("severity"));
        assertEquals("critical", variables.get("overall_severity"));
        assertEquals(DecisionScope.scope().variables().keySet(), variables.keySet());
        assertEquals(java.time.Instant.EPOCH, variables.get("now"));
    }

    @Test
    void skippedStepsDoNotCountTowardTheOverallSeverity() {
        assertEquals(
                OverallSeverity.HEALTHY,
                OverallSeverity.of(List.of(DiagnosticStatus.HEALTHY, DiagnosticStatus.SKIPPED)));
        assertEquals(
                OverallSeverity.WARNING,
                OverallSeverity.of(List.of(DiagnosticStatus.SKIPPED, DiagnosticStatus.WARNING)));
        assertEquals(OverallSeverity.UNKNOWN, OverallSeverity.of(List.of(DiagnosticStatus.SKIPPED)));
    }

    @Test
    void overallSeverityIsNeverHealthyWhenSomethingWasNotRead() {
        assertEquals(OverallSeverity.UNKNOWN, OverallSeverity.of(List.of()));
        assertEquals(OverallSeverity.HEALTHY, OverallSeverity.of(List.of(DiagnosticStatus.HEALTHY)));
        assertEquals(
                OverallSeverity.UNKNOWN, OverallSeverity.of(List.of(DiagnosticStatus.HEALTHY, DiagnosticStatus.ERROR)));
        assertEquals(
                OverallSeverity.UNKNOWN,
                OverallSeverity.of(List.of(DiagnosticStatus.HEALTHY, DiagnosticStatus.UNKNOWN)));
        assertEquals(
                OverallSeverity.WARNING, OverallSeverity.of(List.of(DiagnosticStatus.ERROR, DiagnosticStatus.WARNING)));
        assertEquals(
                OverallSeverity.CRITICAL,
                OverallSeverity.of(
                        List.of(DiagnosticStatus.WARNING, DiagnosticStatus.CRITICAL, DiagnosticStatus.ERROR)));
    }

    @Test
    void aCompileErrorNamesTheBranch() {
        List<DecisionSpec> tree = new ArrayList<>();
        tree.add(decision("diagnostics.check_db.status == 'critical'", "ok", "scale_db"));
        tree.add(decision("diagnostic.check_db.status == 'critical'", "typo", "scale_db"));
        ConditionException e = assertThrows(ConditionException.class, () -> CompiledDecision.compileAll(tree, cel));
        assertTrue(
                e.getMessage()
                        .startsWith("decisionTree[1]: unknown variable 'diagnostic' (did you mean 'diagnostics'?)"),
                e.getMessage());
        assertEquals("write diagnostics.check_db.status == 'critical'", e.hint());
    }
}
