package dev.runbookbot.remediate;

import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ApprovalSpec;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.EscalationSpec;
import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.ParameterType;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SafetySpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook records for remediation tests: a {@code payments-slow} runbook whose diagnostics read one number
 * ({@code value}: critical at 90 and above, warning at 70, healthy below) and whose decisions propose remediations.
 */
final class TestRunbooks {
    static final Path FILE = Path.of("runbooks/payments-slow.yaml");
    static final SourceLocation HERE = SourceLocation.unknown(FILE);

    /** The command the fake action executor renders; {@code {{ params.db }}} is replaced by the input. */
    static final String COMMAND = "terminate idle connections of {{ params.db }}";

    private TestRunbooks() {}

    static DiagnosticSpec step(String id) {
        return new DiagnosticSpec(
                id,
                "Step " + id,
                "",
                DiagnosticType.PROMETHEUS_QUERY,
                StepConfig.empty("diagnostics." + id + ".config"),
                Duration.ofSeconds(10),
                new InterpretSpec(
                        Optional.of("value >= 90.0"), Optional.of("value >= 70.0"), Optional.of("value < 70.0"), HERE),
                HERE);
    }

    static DecisionSpec decision(String condition, String description, String... then) {
        return new DecisionSpec(condition, List.of(then), description, HERE);
    }

    static SafetySpec approvalRequired(String... scopes) {
        return new SafetySpec(true, false, List.of(scopes), SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
    }

    static SafetySpec safeForAutomation() {
        return new SafetySpec(false, true, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT);
    }

    static RemediationSpec automated(String id, ActionType type, SafetySpec safety, ExpectSpec... expect) {
        return RemediationSpec.of(id, "Remediation " + id, RemediationType.AUTOMATED, HERE)
                .action(Optional.of(new ActionSpec(
                        type, new StepConfig(Map.of("command", COMMAND), "remediations." + id + ".action.config"))))
                .safety(safety)
                .expect(List.of(expect))
                .build();
    }

    static RemediationSpec manual(String id) {
        return RemediationSpec.of(id, "Raise the pool size", RemediationType.MANUAL, HERE)
                .instructions(Optional.of("1. Raise DB_POOL_MAX_SIZE\n2. Roll it out"))
                .safety(new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .build();
    }

    static RemediationSpec escalation(String id) {
        return RemediationSpec.of(id, "Escalate to on-call", RemediationType.ESCALATE, HERE)
                .safety(new SafetySpec(false, false, List.of(), SafetySpec.DEFAULT_APPROVAL_TIMEOUT))
                .build();
    }

    static RunbookSpec runbook(
            List<DiagnosticSpec> steps, List<DecisionSpec> tree, List<RemediationSpec> remediations, int approvals) {
        return new RunbookSpec(
                "payments-slow",
                "Payments slow",
                "",
                Severity.P1,
                "payments",
                List.of(),
                List.of(),
                "",
                List.of(new ParameterSpec(
                        "db", ParameterType.STRING, Optional.of("payments"), false, Optional.empty(), "", HERE)),
                List.of(),
                steps,
                tree,
                remediations,
                new EscalationSpec("#payments-oncall", Optional.of("pagerduty:PAYMENTS"), 30),
                new ApprovalSpec(List.of(), approvals),
                "sha256:test",
                FILE);
    }

    static RunbookSpec runbook(List<RemediationSpec> remediations) {
        List<String> ids = remediations.stream().map(RemediationSpec::id).toList();
        return runbook(
                List.of(step("check_db"), step("check_pods"), step("check_errors")),
                List.of(decision(
                        "diagnostics.check_db.status == 'critical'",
                        "DB connection pool exhausted",
                        ids.toArray(String[]::new))),
                remediations,
                1);
    }
}
