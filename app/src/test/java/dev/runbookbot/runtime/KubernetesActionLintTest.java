package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lint, as {@code runbookctl lint} and the bot run it, checks a Kubernetes action's config where the runbook is loaded
 * and reports each mistake at its file:line:col: a kind the action cannot act on, a key that names no kind, two
 * workloads in one action, a drain without its node, a templated context. It never builds a Kubernetes client.
 */
class KubernetesActionLintTest {
    private static List<String> lint(String action) {
        return ActionLintFixture.lint("Act on the cluster", action);
    }

    @Test
    void aStatefulSetADaemonSetAndANodeAreValidTargets() {
        assertEquals(List.of(), lint("""
                      type: scale_up
                      config: {statefulset: postgres, namespace: db, step: 1, max_replicas: 5}
                """));
        assertEquals(List.of(), lint("""
                      type: rollback
                      config: {daemonset: node-exporter, namespace: monitoring}
                """));
        assertEquals(List.of(), lint("""
                      type: drain
                      config: {node: "{{ params.node }}", timeout: 5m}
                """.replace("{{ params.node }}", "worker-3")));
    }

    @Test
    void scaleUpOfADaemonSetIsRefusedAtItsKey() {
        assertEquals(
                List.of("r.yaml:30:20: error: scale_up cannot act on a DaemonSet: it runs one pod per eligible node and"
                        + " has no replica count; restart it, or fix the nodes"),
                lint("""
                              type: scale_up
                              config:
                                daemonset: node-exporter
                                namespace: monitoring
                                replicas: 3
                        """));
    }

    @Test
    void aKeyThatNamesNoKindAndTwoWorkloadsAreRefused() {
        assertEquals(
                List.of(
                        "r.yaml:30:9: error: deployment is required (for example deployment: payment-service)",
                        "r.yaml:30:21: error: unknown key 'replicaset'; restart_service takes context, daemonset,"
                                + " deployment, namespace, statefulset"),
                lint("""
                              type: restart_service
                              config:
                                replicaset: api-7d9f
                                namespace: production
                        """));
        assertEquals(
                List.of("r.yaml:31:22: error: rollback acts on one workload: give one of deployment, statefulset or"
                        + " daemonset, not deployment and statefulset"),
                lint("""
                              type: rollback
                              config:
                                deployment: api
                                statefulset: api
                                namespace: production
                        """));
    }

    @Test
    void aDrainWithoutItsNodeOrWithATemplatedContextIsRefused() {
        assertEquals(
                List.of(
                        "r.yaml:29:15: error: node is required (for example node: worker-3)",
                        "r.yaml:29:25: error: timeout must be a duration of at least 1s, such as 2m (the drain stops"
                                + " at the bot's action timeout in any case)"),
                lint("""
                              type: drain
                              config: {timeout: 0s}
                        """));
        assertEquals(
                List.of("r.yaml:31:18: error: context cannot be a template: alert data must never choose the cluster"
                        + " (name the context literally, or write one remediation per cluster)"),
                lint("""
                              type: cordon
                              config:
                                node: worker-3
                                context: "{{ labels.cluster }}"
                        """));
    }
}
