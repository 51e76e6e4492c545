package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot with its own remediation pipeline proposes a cordon, then a drain, of the node a run names: the approval
 * message in the fake Slack thread, and the confirmation its Approve button asks, show exactly which node (and
 * cluster context) will be touched and the kubectl command it amounts to. The preview is computed without a cluster;
 * nothing is approved, so nothing is contacted.
 */
class NodeActionApprovalIT {
    @TempDir
    Path dir;

    /** A runbook whose failing check proposes cordoning, then draining, the node given as a parameter. */
    private static void writeNodeRunbook(Path runbooks) {
        try {
            String url = Files.readAllLines(runbooks.resolve("team-notice.yaml")).stream()
                    .filter(line -> line.trim().startsWith("url:"))
                    .findFirst()
                    .orElseThrow()
                    .trim();
            Files.writeString(runbooks.resolve("node-drain.yaml"), """
                    id: node-drain
                    name: Node Drain
                    description: A node to take out of service
                    severity: P3
                    service: kubernetes
                    parameters:
                      - name: node
                        required: true
                    triggers:
                      - type: manual
                    diagnostics:
                      - id: checkout_health
                        name: Checkout health
                        description: The checkout health endpoint answers
                        type: http_check
                        config:
                          urls:
                            - name: checkout
                              %s
                        timeout: 5
                        interpret:
                          critical: "!all_healthy"
                          healthy: "all_healthy"
                    decisionTree:
                      - condition: "diagnostics.checkout_health.status == 'critical'"
                        then: [cordon_node, drain_node]
                        description: The node's workloads fail
                    remediations:
                      - id: cordon_node
                        name: Cordon the Node
                        description: Send no new pods to the node
                        type: automated
                        action:
                          type: cordon
                          config: {node: "{{ params.node }}"}
                        requiresApproval: true
                      - id: drain_node
                        name: Drain the Node
                        description: Evict its pods, respecting their budgets
                        type: automated
                        after: [cordon_node]
                        action:
                          type: drain
                          config: {node: "{{ params.node }}", timeout: 5m}
                        requiresApproval: true
                    escalation:
                      primary: C111
                    """.formatted(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApprovalsOfACordonAndADrainNameTheNodeAndTheCommand() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir, true, Map.of(), NodeActionApprovalIT::writeNodeRunbook)) {
            t.command("run node-drain node=ip-10-0-7-21.eu-west-1.compute.internal", "U111");
            PostedMessage parent = t.awaitParent(1);

            PostedMessage cordon = t.awaitInThread(
                    parent,
                    m -> m.buttonActionIds().contains("approve") && m.allText().contains("Cordon the Node"),
                    "the cordon's approval");

            for (String shown : List.of(
                    "Proposed, in order: Cordon the Node → Drain the Node",
                    "node/ip-10-0-7-21.eu-west-1.compute.internal (default context)\n"
                            + "kubectl cordon ip-10-0-7-21.eu-west-1.compute.internal",
                    "This runs cordon on kubernetes in production: node/ip-10-0-7-21.eu-west-1.compute.internal"
                            + " (default context) kubectl cordon ip-10-0-7-21.eu-west-1.compute.internal")) {
                assertTrue(cordon.allText().contains(shown), shown + " in " + cordon.allText());
            }
            // The thread's one reply is edited as proposals arrive: the drain's buttons may already be beside the
            // cordon's in the version awaited, so the cordon's pair comes first and nothing but approvals is offered.
            List<String> buttons = cordon.buttonActionIds();
            assertEquals(List.of("approve", "reject"), buttons.subList(0, 2), buttons.toString());
            assertTrue(Set.of("approve", "reject").containsAll(buttons), buttons.toString());
        }
    }
}
