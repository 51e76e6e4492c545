package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-offs are checked across the catalog, each problem at the hand-off that causes it, with file:line:col. */
class HandOffLintTest {
    /** A runbook {@code id} whose one remediation hands off to {@code target} with {@code with}. */
    private static String handingOff(String id, String target, String with) {
        return """
                id: %s
                name: Runbook %s
                description: hands off
                severity: P2
                service: api
                parameters:
                  - {name: namespace, default: prod}
                  - {name: pod, fromLabel: pod, required: true}
                triggers: [{type: manual}]
                diagnostics:
                  - id: check
                    name: Check
                    description: a check
                    type: prometheus_query
                    config: {query: 'up'}
                    interpret: {critical: "value >= 1.0"}
                decisionTree:
                  - condition: "diagnostics.check.status == 'critical'"
                    then: [next]
                    description: go on
                remediations:
                  - id: next
                    name: Next runbook
                    description: the next runbook takes over
                    type: handoff
                    runbook: %s
                    with: %s
                escalation: {primary: "#inc"}
                """.formatted(id, id, target, with);
    }

    private final RunbookLoader loader = new RunbookLoader();
    private final Linter linter = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage());

    private List<String> lint(String... yamls) {
        List<LoadedRunbook> loaded = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            loaded.add(loader.parse(Path.of((char) ('a' + i) + ".yaml"), yamls[i].getBytes(StandardCharsets.UTF_8)));
        }
        return linter.lint(loaded).problems().stream().map(Problem::format).toList();
    }

    /** A runbook with no hand-off, declaring {@code db} (required) and {@code pool} (defaulted). */
    private static String target(String id) {
        return handingOff(id, "x", "{}")
                .replace("type: handoff\n    runbook: x\n    with: {}\n", "type: escalate\n")
                .replace(
                        "  - {name: namespace, default: prod}\n  - {name: pod, fromLabel: pod, required: true}\n",
                        "  - {name: db, required: true}\n  - {name: pool, default: main}\n");
    }

    @Test
    void aHandOffToAKnownRunbookWithItsRequiredParametersIsClean() {
        assertEquals(
                List.of(),
                lint(handingOff("a", "b", "{db: \"{{ params.namespace }}-{{ labels.instance }}\"}"), target("b")));
    }

    @Test
    void anUnknownTargetIsAnErrorWithTheClosestId() {
        assertEquals(
                List.of("a.yaml:26:14: error: hand-off 'next' starts runbook 'db-pol', which is not in the catalog"
                        + " (did you mean 'db-pool'?)"),
                lint(handingOff("a", "db-pol", "{db: x}"), target("db-pool")));
    }

    @Test
    void aParameterTheTargetDoesNotDeclareAndAMissingRequiredOneAreErrors() {
        assertEquals(
                List.of(
                        "a.yaml:26:14: error: hand-off 'next' starts runbook 'b' without its required parameter 'db'"
                                + " (give it under with: {db: ...})",
                        "a.yaml:27:20: error: hand-off 'next' gives parameter 'dbname', which runbook 'b' does not"
                                + " declare (it declares db, pool)"),
                lint(handingOff("a", "b", "{dbname: x}"), target("b")));
    }

    @Test
    void aRequiredParameterFilledFromAnAlertLabelNeedsNoWith() {
        assertEquals(List.of(), lint(handingOff("a", "b", "{}"), handingOff("b", "c", "{db: x}"), target("c")));
    }

    @Test
    void aHandOffToItsOwnRunbookIsACycle() {
        assertEquals(
                List.of("a.yaml:26:14: error: hand-off 'next' starts its own runbook 'a' (a chain of hand-offs must"
                        + " end; run the diagnostics again with a button instead)"),
                lint(handingOff("a", "a", "{}")));
    }

    @Test
    void aCycleThroughSeveralRunbooksIsReportedAtEachHandOffOnIt() {
        assertEquals(
                List.of(
                        "a.yaml:26:14: error: hand-offs form a cycle: a -> b -> c -> a (a chain of hand-offs must"
                                + " end; run the diagnostics again with a button instead)",
                        "b.yaml:26:14: error: hand-offs form a cycle: b -> c -> a -> b (a chain of hand-offs must"
                                + " end; run the diagnostics again with a button instead)",
                        "c.yaml:26:14: error: hand-offs form a cycle: c -> a -> b -> c (a chain of hand-offs must"
                                + " end; run the diagnostics again with a button instead)"),
                lint(handingOff("a", "b", "{}"), handingOff("b", "c", "{}"), handingOff("c", "a", "{}")));
    }

    @Test
    void aHandOffThatAsksForApprovalOrActsIsAnError() {
        assertEquals(
                List.of("a.yaml:28:23: error: hand-off 'next' cannot require approval (it only starts read-only"
                        + " diagnostics; the remediations of the runbook it starts are approved as that runbook"
                        + " says)"),
                lint(handingOff("a", "b", "{db: x}\n    requiresApproval: true"), target("b")));
    }

    @Test
    void aForgottenTypeHandoffIsNotSilentlyInert() {
        assertEquals(
                List.of(
                        "a.yaml:26:14: error: 'runbook' belongs to a hand-off, but remediations[0] has type"
                                + " escalate (write 'type: handoff' to start another runbook, or remove 'runbook')",
                        "a.yaml:27:11: error: 'with' belongs to a hand-off, but remediations[0] has type"
                                + " escalate (write 'type: handoff' to start another runbook, or remove 'with')"),
                lint(handingOff("a", "b", "{db: x}").replace("type: handoff", "type: escalate"), target("b")));
    }

    @Test
    void aDecisionThatHandsOffAndProposesMoreGetsAWarning() {
        String both = handingOff("a", "b", "{db: x}")
                .replace("then: [next]", "then: [next, page]")
                .replace("escalation:", "  - {id: page, name: Page, description: page, type: escalate}\nescalation:");
        assertEquals(
                List.of("a.yaml:19:11: warning: decision hands off ('next') and names other remediations too; a plan"
                        + " that hands off proposes nothing else of this runbook (name only the hand-off, and let the"
                        + " runbook it starts propose the rest)"),
                lint(both, target("b")));
    }

    @Test
    void withValuesAreTemplatesCheckedLikeAnyOther() {
        assertEquals(
                List.of("a.yaml:27:17: error: template uses params.namespac, which this runbook does not declare (did"
                        + " you mean 'params.namespace'?)"),
                lint(handingOff("a", "b", "{db: \"{{ params.namespac }}\"}"), target("b")));
    }

    @Test
    void withValuesReadTheFactsOfTheRunbooksStepsCheckedAgainstTheirType() {
        assertEquals(
                List.of(),
                lint(handingOff("a", "b", "{db: \"{{ diagnostics.check.samples[0].labels.datname }}\"}"), target("b")));
        assertEquals(
                List.of("a.yaml:27:17: error: template uses diagnostics.check.sample, but step 'check' has no fact"
                        + " 'sample' (did you mean 'samples'?)"),
                lint(handingOff("a", "b", "{db: \"{{ diagnostics.check.sample }}\"}"), target("b")));
        assertEquals(
                List.of("a.yaml:27:17: error: template uses diagnostics.chek.value, but this runbook defines no step"
                        + " 'chek' (did you mean 'check'?)"),
                lint(handingOff("a", "b", "{db: \"{{ diagnostics.chek.value }}\"}"), target("b")));
    }

    @Test
    void aSuppressionNeedsAReasonAndAReasonNeedsASuppression() {
        String suppress =
                handingOff("a", "b", "{}").replace("type: handoff\n    runbook: b\n    with: {}\n", "type: suppress\n");
        assertEquals(
                List.of("a.yaml:22:5: error: remediations[0] is missing required key 'reason' (type suppress)"),
                lint(suppress));
        assertEquals(List.of(), lint(suppress.replace("type: suppress\n", "type: suppress\n    reason: expected\n")));
        assertEquals(
                List.of("a.yaml:26:13: error: 'reason' belongs to a suppression, but remediations[0] has type escalate"
                        + " (write 'type: suppress' to end the incident as expected, or remove 'reason')"),
                lint(suppress.replace("type: suppress\n", "type: escalate\n    reason: expected\n")));
    }
}
