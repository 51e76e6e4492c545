package dev.runbookbot.runbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated runbook. {@code version} is the content hash of its source file, so an execution can name the
 * exact text it ran. {@code body} is free Markdown for people. {@code decisionMatch} says whether the decision tree
 * proposes what every branch that holds names, or stops at the first.
 */
public record RunbookSpec(
        String id,
        String name,
        String description,
        Severity severity,
        String service,
        List<String> tags,
        List<String> aliases,
        String body,
        List<ParameterSpec> parameters,
        List<TriggerSpec> triggers,
        List<DiagnosticSpec> diagnostics,
        List<DecisionSpec> decisionTree,
        DecisionMatch decisionMatch,
        List<RemediationSpec> remediations,
        EscalationSpec escalation,
        ApprovalSpec approval,
        String version,
        Path source) {
    public RunbookSpec {
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
        parameters = List.copyOf(parameters);
        triggers = List.copyOf(triggers);
        diagnostics = List.copyOf(diagnostics);
        decisionTree = List.copyOf(decisionTree);
        remediations = List.copyOf(remediations);
        decisionMatch = decisionMatch == null ? DecisionMatch.ALL : decisionMatch;
    }

    /** A runbook whose decision tree proposes what every branch that holds names ({@link DecisionMatch#ALL}). */
    public RunbookSpec(
            String id,
            String name,
            String description,
            Severity severity,
            String service,
            List<String> tags,
            List<String> aliases,
            String body,
            List<ParameterSpec> parameters,
            List<TriggerSpec> triggers,
            List<DiagnosticSpec> diagnostics,
            List<DecisionSpec> decisionTree,
            List<RemediationSpec> remediations,
            EscalationSpec escalation,
            ApprovalSpec approval,
            String version,
            Path source) {
        this(
                id,
                name,
                description,
                severity,
                service,
                tags,
                aliases,
                body,
                parameters,
                triggers,
                diagnostics,
                decisionTree,
                DecisionMatch.ALL,
                remediations,
                escalation,
                approval,
                version,
                source);
    }

    public Optional<DiagnosticSpec> diagnostic(String diagnosticId) {
        return diagnostics.stream().filter(d -> d.id().equals(diagnosticId)).findFirst();
    }

    public Optional<RemediationSpec> remediation(String remediationId) {
        return remediations.stream().filter(r -> r.id().equals(remediationId)).findFirst();
    }

    /**
     * How many approvals a run of {@code remediation} needs: 0 for a manual step (the person who does it is the human in
     * the loop) and for an automated step marked safe for automation without {@code requiresApproval}; 0 for an
     * escalation unless it sets {@code requiresApproval}; 0 for a suppression and a hand-off (it starts read-only diagnostics; what the
     * next runbook proposes is approved like any other remediation); otherwise {@code approval.required}, at least 1.
     */
    public int approvalsNeeded(RemediationSpec remediation) {
        int byPeople = Math.max(1, approval.requiredApprovals());
        return switch (remediation.type()) {
            case MANUAL, HANDOFF, SUPPRESS -> 0;
            case ESCALATE -> remediation.safety().requiresApproval() ? byPeople : 0;
            case AUTOMATED -> remediation.safety().needsHuman() ? byPeople : 0;
        };
    }

    public Optional<ParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
