package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A remediation's {@code require} (a condition re-checked on fresh diagnostics when it executes) and {@code after}
 * (remediations that must have succeeded first) are checked where they are written, with file:line:col.
 */
class PreconditionLintTest {
    /** Cordon then drain, with {@code cordon} and {@code drain} added to the two remediations. */
    private static String runbook(String cordon, String drain) {
        return """
                id: node
                name: Node
                description: a node
                severity: P2
                service: nodes
                parameters:
                  - {name: node, required: true}
                triggers: [{type: manual}]
                diagnostics:
                  - id: ready
                    name: Ready
                    description: the node's Ready condition
                    type: prometheus_query
                    config: {query: 'up'}
                    interpret: {critical: "value == 0.0"}
                decisionTree:
                  - condition: "diagnostics.ready.status == 'critical'"
                    then: [cordon, drain]
                    description: not ready
                remediations:
                  - id: cordon
                    name: Cordon
                    description: cordon it
                    type: automated
                    action: {type: run_script, config: {argv: [kubectl, cordon, --, "{{ params.node }}"]}}
                %s
                  - id: drain
                    name: Drain
                    description: drain it
                    type: automated
                    action: {type: run_script, config: {argv: [kubectl, drain, --, "{{ params.node }}"]}}
                %s
                escalation: {primary: "#inc"}
                """.formatted(cordon, drain);
    }

    private final Linter linter = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage());

    private List<String> lint(String yaml) {
        return linter
                .lint(List.of(new RunbookLoader().parse(Path.of("n.yaml"), yaml.getBytes(StandardCharsets.UTF_8))))
                .problems()
                .stream()
                .map(Problem::format)
                .toList();
    }

    @Test
    void aRequireOverAStepsFactsAndAnOrderingAreClean() {
        assertEquals(
                List.of(),
                lint(runbook(
                        "    require: \"diagnostics.ready.status == 'critical' && diagnostics.ready.value == 0.0\"",
                        "    after: cordon\n    require: \"diagnostics['ready'].has_value && params.node != ''\"")));
    }

    @Test
    void aRequireThatIsNotABooleanOrDoesNotTypeCheckIsAnError() {
        assertEquals(
                List.of("n.yaml:32:19: error: invalid condition: condition must be a boolean, got int"),
                lint(runbook("", "    require: \"size(labels)\"")));
        assertEquals(
                List.of("n.yaml:32:15: error: invalid condition: unknown variable 'value' (if you meant the text,"
                        + " quote it: 'value'); declared: labels, now, params, annotations, diagnostics (write 'value'"
                        + " == 0.0)"),
                lint(runbook("", "    require: \"value == 0.0\"")));
    }

    @Test
    void aRequireReadingAnUndeclaredParameterIsAnError() {
        assertEquals(
                List.of("n.yaml:32:22: error: condition reads parameter 'nod', which this runbook does not declare"
                        + " (did you mean 'node'?)"),
                lint(runbook("", "    require: \"params.nod != ''\"")));
    }

    @Test
    void aManualStepCannotRequireAndAHandOffCannotWait() {
        String manual = runbook("", "    require: \"diagnostics.ready.value == 0.0\"")
                .replace(
                        "type: automated\n    action: {type: run_script, config: {argv: [kubectl, drain, --,"
                                + " \"{{ params.node }}\"]}}",
                        "type: manual\n    instructions: drain it by hand");
        assertEquals(
                List.of("n.yaml:32:14: error: 'require' holds back what the bot executes, but 'drain' has type manual"
                        + " (a person carries out a manual step; say in its instructions what to check first)"),
                lint(manual));
        String waitingHandOff = runbook("", "    after: [cordon]")
                .replace(
                        "type: automated\n    action: {type: run_script, config: {argv: [kubectl, drain, --,"
                                + " \"{{ params.node }}\"]}}",
                        "type: suppress\n    reason: expected");
        assertEquals(
                List.of(
                        "n.yaml:18:11: warning: decision suppresses ('drain') and names 'cordon', which needs a"
                                + " person; a plan that suppresses runs only what runs unattended, then ends the"
                                + " incident (mark it safe, or move it to another decision)",
                        "n.yaml:32:12: error: 'after' orders runs, but 'drain' is a suppression, which is not a run"
                                + " (remove 'after')"),
                lint(waitingHandOff));
    }

    @Test
    void anOrderingOnItselfIsAnError() {
        assertEquals(
                List.of("n.yaml:32:13: error: remediation 'drain' runs after itself (remove it from 'after')"),
                lint(runbook("", "    after: [drain]")));
    }
}
