package dev.runbookbot.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.DecisionMatch;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code decisionMatch: first} stops at the first branch that holds; an {@code else} branch holds when none did. */
class FirstMatchDecisionTest {
    private static final SourceLocation HERE = SourceLocation.unknown(Path.of("r.yaml"));
    private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");

    private final CelConditionLanguage cel = new CelConditionLanguage();
    private final DecisionEngine engine = new DecisionEngine(Clock.fixed(T0, ZoneOffset.UTC));

    private static final List<DecisionSpec> TREE = List.of(
            new DecisionSpec("diagnostics.probe.status == 'critical'", List.of("page"), "Down", HERE),
            new DecisionSpec("diagnostics.probe.status in ['warning', 'critical']", List.of("notify"), "Slow", HERE),
            new DecisionSpec("", List.of("look"), "Nothing seen", true, HERE));

    private static RunbookSpec runbook(DecisionMatch match) {
        DiagnosticSpec probe = new DiagnosticSpec(
                "probe",
                "probe",
                "",
                DiagnosticType.PROMETHEUS_QUERY,
                StepConfig.empty("probe"),
                DiagnosticSpec.DEFAULT_TIMEOUT,
                null,
                HERE);
        return new RunbookSpec(
                "dep",
                "Dependency",
                "",
                Severity.P2,
                "dep",
                List.of(),
                List.of(),
                "",
                List.of(),
                List.of(),
                List.of(probe),
                TREE,
                match,
                List.of(remediation("page"), remediation("notify"), remediation("look")),
                new EscalationSpec("#oncall", Optional.empty(), 30),
                ApprovalSpec.defaults(),
                "v",
                Path.of("r.yaml"));
    }

    private static RemediationSpec remediation(String id) {
        return RemediationSpec.of(id, id, RemediationType.MANUAL, HERE)
                .instructions(Optional.of("do it"))
                .safety(new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .build();
    }

    private Plan decide(DecisionMatch match, DiagnosticStatus status) throws ConditionException {
        RunbookSpec runbook = runbook(match);
        DiagnosticResult probe = new DiagnosticResult(
                "probe",
                "probe",
                DiagnosticType.PROMETHEUS_QUERY,
                status,
                "read",
                status == DiagnosticStatus.ERROR ? Optional.of(FailureKind.TIMEOUT) : Optional.empty(),
                Map.of(),
                "",
                List.of(),
                T0,
                Duration.ofMillis(5));
        return engine.decide(
                runbook,
                CompiledDecision.compileAll(runbook.decisionTree(), cel),
                List.of(probe),
                TemplateContext.empty());
    }

    private static List<String> proposed(Plan plan) {
        return plan.remediations().stream().map(p -> p.remediation().id()).toList();
    }

    @Test
    void theFirstBranchThatHoldsWinsAndTheRestAreNotEvaluated() throws Exception {
        Plan plan = decide(DecisionMatch.FIRST, DiagnosticStatus.CRITICAL);

        assertEquals(List.of("page"), proposed(plan));
        assertEquals(
                List.of("not evaluated: an earlier branch held (decisionMatch: first)", "an earlier branch held"),
                plan.unmatched().stream().map(UnmatchedDecision::reason).toList());
    }

    @Test
    void withAllMatchingEveryBranchThatHoldsProposesButElseStillOnlyWhenNoneDid() throws Exception {
        assertEquals(List.of("page", "notify"), proposed(decide(DecisionMatch.ALL, DiagnosticStatus.CRITICAL)));
        assertEquals(List.of("notify"), proposed(decide(DecisionMatch.ALL, DiagnosticStatus.WARNING)));
    }

    @Test
    void elseHoldsWhenNoBranchBeforeItDidAndTheTimelineSaysSo() throws Exception {
        Plan plan = decide(DecisionMatch.FIRST, DiagnosticStatus.HEALTHY);

        assertEquals(List.of("look"), proposed(plan));
        assertEquals("else", plan.matched().get(0).condition());
        assertTrue(
                plan.timeline().stream().anyMatch(e -> e.event()
                        .equals("decision 'Nothing seen' matched (else: no branch before it held): proposes"
                                + " look")),
                plan.timeline().toString());
    }

    @Test
    void elseHoldsWhenTheBranchesCouldNotTellAndSkippedStepsDoNotCount() throws Exception {
        Plan errored = decide(DecisionMatch.FIRST, DiagnosticStatus.ERROR);
        assertEquals(List.of("look"), proposed(errored));
        assertEquals(OverallSeverity.UNKNOWN, errored.severity());

        Plan skipped = decide(DecisionMatch.FIRST, DiagnosticStatus.SKIPPED);
        assertEquals(List.of("look"), proposed(skipped));
        assertEquals(OverallSeverity.UNKNOWN, skipped.severity());
    }
}
