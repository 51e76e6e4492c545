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

/** {@code forEach} and {@code until} misuse, each reported at its file:line:col with the exact text. */
class LoopLintTest {
    private final RunbookLoader loader = new RunbookLoader();
    private final Linter linter = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage());

    /** A runbook whose second step is {@code loopStep} (indented as a list item) and whose remediation ends in {@code remediationTail}. */
    private static String runbook(String loopStep, String remediationTail) {
        return """
                id: loops
                name: Loops
                description: loops
                severity: P2
                service: api
                triggers: [{type: manual}]
                diagnostics:
                  - id: pods
                    name: Pods
                    description: the pods
                    type: prometheus_query
                    config: {query: 'kube_pod_info'}
                    interpret: {healthy: "has_value"}
                %s
                decisionTree:
                  - condition: "diagnostics.pods.status == 'healthy'"
                    then: [restart]
                    description: go on
                remediations:
                  - id: restart
                    name: Restart
                    description: restart each pod
                    type: automated
                    action:
                      type: restart_service
                      config: {namespace: shop, deployment: "{{ item }}"}
                %s
                escalation: {primary: "#inc"}
                """.formatted(
                loopStep.indent(2).stripTrailing(), remediationTail.indent(4).stripTrailing());
    }

    private static final String GOOD_STEP = """
              - id: per_pod
                name: Per Pod
                description: each pod
                type: prometheus_query
                needs: pods
                forEach: {items: diagnostics.pods.samples, maxItems: 20, concurrency: 4}
                config: {query: 'up{pod="{{ item.labels.pod }}"}'}
                interpret: {critical: "value == 0.0 && item.labels.pod != ''"}""";

    private static final String GOOD_TAIL = """
                forEach: {items: diagnostics.pods.samples, maxItems: 10, sequential: true}
                until: {condition: "diagnostics.pods.status == 'healthy'", interval: 5s, timeout: 2m}""";

    private List<String> lint(String yaml) {
        return linter
                .lint(List.of(loader.parse(Path.of("l.yaml"), yaml.getBytes(StandardCharsets.UTF_8))))
                .problems()
                .stream()
                .map(Problem::format)
                .toList();
    }

    @Test
    void aBoundedLoopOverAListFactAndASequentialActionLoopWithUntilAreClean() {
        assertEquals(List.of(), lint(runbook(GOOD_STEP, GOOD_TAIL)));
    }

    @Test
    void aLoopOverAFactWithoutMaxItemsIsAnErrorForAStepAndForAnAction() {
        assertEquals(
                List.of(
                        "l.yaml:19:14: error: a forEach over diagnostics.pods.samples has no bound: the list can be of"
                                + " any length (add maxItems (at most 100): the most items step 'per_pod' goes"
                                + " through)",
                        "l.yaml:34:14: error: a forEach over diagnostics.pods.samples has no bound: the list can be of"
                                + " any length (add maxItems (at most 100): the most items remediation 'restart'"
                                + " goes through)"),
                lint(runbook(GOOD_STEP.replace(", maxItems: 20", ""), GOOD_TAIL.replace(", maxItems: 10", ""))));
    }

    @Test
    void aFactThatIsNotAListAStepItDoesNotNeedAndAConcurrencyOutOfRangeAreErrors() {
        assertEquals(
                List.of(
                        "l.yaml:19:22: error: forEach items diagnostics.pods.value is double, not a list (loop over a"
                                + " list fact, such as samples, rows, lines or iterations)",
                        "l.yaml:19:73: error: concurrency must be 1 to 16, found 40"),
                lint(runbook(
                        GOOD_STEP.replace(
                                "samples, maxItems: 20, concurrency: 4", "value, maxItems: 20, concurrency: 40"),
                        GOOD_TAIL)));
        assertEquals(
                List.of("l.yaml:18:22: error: step 'per_pod' reads its items from 'pods', which it does not need (add"
                        + " it to the step's needs (needs: [pods]) so it has finished first)"),
                lint(runbook(GOOD_STEP.replace("  needs: pods\n", ""), GOOD_TAIL)));
    }

    @Test
    void itemOutsideALoopIsAnError() {
        assertEquals(
                List.of("l.yaml:33:46: error: template uses item, but only a step or a remediation with forEach has an"
                        + " item (add forEach (docs/runbook-format.md#loops-foreach-and-until), or remove it)"),
                lint(runbook(GOOD_STEP, "")));
    }

    @Test
    void untilWithoutTimeoutOrReadingNoDiagnosticIsAnError() {
        assertEquals(
                List.of("l.yaml:35:12: error: remediations[0].until is missing required key 'timeout'"),
                lint(runbook(GOOD_STEP, GOOD_TAIL.replace(", timeout: 2m", ""))));
        assertEquals(
                List.of("l.yaml:35:24: error: until reads no diagnostic, so checking it again can never change its"
                        + " answer (read the step that shows the effect, such as diagnostics.pods_ready.status =="
                        + " 'healthy')"),
                lint(runbook(GOOD_STEP, GOOD_TAIL.replace("diagnostics.pods.status == 'healthy'", "item != ''"))));
    }
}
