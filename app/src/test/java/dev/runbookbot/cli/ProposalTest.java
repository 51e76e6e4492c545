package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report says whether an escalation waits for an approval, by the rule the bot applies. */
class ProposalTest {
    private static final String RUNBOOK = """
            id: base
            name: Base
            description: A runbook with two escalations
            severity: P3
            service: example
            triggers:
              - type: manual
            diagnostics: []
            decisionTree: []
            remediations:
              - id: page_oncall
                name: Page on-call
                description: Page the on-call engineer
                type: escalate
              - id: page_after_approval
                name: Page the database team
                description: Wake the database team once someone agrees
                type: escalate
                requiresApproval: true
            escalation:
              primary: "#incidents"
            """;

    private static Proposal proposal(String remediationId) {
        RunbookSpec runbook = new RunbookLoader()
                .parse(Path.of("r.yaml"), RUNBOOK.getBytes(StandardCharsets.UTF_8))
                .draft()
                .orElseThrow();
        return Proposal.of(
                runbook,
                new PlannedRemediation(runbook.remediation(remediationId).orElseThrow(), "test", List.of()),
                TemplateContext.empty());
    }

    @Test
    void anEscalationWaitsForAnApprovalOnlyWhenItAsksForOne() {
        Proposal now = proposal("page_oncall");
        assertEquals("escalate: does not wait for an approval", now.howText());
        assertFalse(now.waitsForApproval());
        assertEquals(0, now.approvals());

        Proposal later = proposal("page_after_approval");
        assertEquals("escalate: waits for 1 approval before it escalates", later.howText());
        assertTrue(later.waitsForApproval());
        assertEquals(1, later.approvals());
    }
}
