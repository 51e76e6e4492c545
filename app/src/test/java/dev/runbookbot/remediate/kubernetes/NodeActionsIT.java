package dev.runbookbot.remediate.kubernetes;

import static dev.runbookbot.remediate.kubernetes.MockKubernetes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.runbook.ActionType;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cordon}, {@code uncordon} and {@code drain} against fabric8's mock API server (CRUD mode on 127.0.0.1, with
 * the Eviction API of {@link EvictingDispatcher}: a PodDisruptionBudget that allows one disruption lets the first of
 * its pods go and refuses the second with 429, as a real API server does). Every test creates the node and its pods
 * and reads them back.
 */
class NodeActionsIT {
    private static final String NODE = "worker-3";

    private MockKubernetes kubernetes;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(NODE)
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    private boolean cordoned() {
        return Boolean.TRUE.equals(client.nodes().withName(NODE).get().getSpec().getUnschedulable());
    }

    private void createPod(String namespace, String name, String node, String ownerKind, Map<String, String> labels) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("app")
                .withImage("registry/app:1")
                .endContainer()
                .endSpec();
        if (ownerKind != null) {
            pod.editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind(ownerKind)
                    .withName(name + "-owner")
                    .withUid(name + "-owner-uid")
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private Pod pod(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    @Test
    void cordonAndUncordonSetWhetherTheNodeTakesNewPods() {
        CordonActionExecutor cordon = CordonActionExecutor.cordon(kubernetes.clusters());
        CordonActionExecutor uncordon = CordonActionExecutor.uncordon(kubernetes.clusters());

        ActionOutcome first = cordon.execute(request(ActionType.CORDON, Map.of("node", NODE)));
        assertEquals(new ActionOutcome.Completed("node/worker-3 cordoned"), first);
        assertTrue(cordoned());
        ActionOutcome again = cordon.execute(request(ActionType.CORDON, Map.of("node", NODE)));
        assertEquals(new ActionOutcome.Completed("node/worker-3 already cordoned; nothing changed"), again);

        ActionOutcome back = uncordon.execute(request(ActionType.UNCORDON, Map.of("node", NODE)));
        assertEquals(new ActionOutcome.Completed("node/worker-3 uncordoned"), back);
        assertFalse(cordoned());
        ActionOutcome missing = cordon.execute(request(ActionType.CORDON, Map.of("node", "worker-9")));
        assertEquals(
                "node worker-9 not found (default context); nothing was changed",
                assertInstanceOf(ActionOutcome.Failed.class, missing).reason());
    }

    @Test
    void drainEvictsThePodsLeavesDaemonSetAndMirrorPodsAndReportsThePodABudgetProtects() throws Exception {
        createPod("payments", "api-1", NODE, "ReplicaSet", Map.of("app", "api"));
        createPod("payments", "api-2", NODE, "ReplicaSet", Map.of("app", "api"));
        createPod("payments", "api-3", "worker-4", "ReplicaSet", Map.of("app", "api")); // on another node
        createPod("shop", "cart-0", NODE, "StatefulSet", Map.of("app", "cart"));
        createPod("monitoring", "node-exporter-x7k2p", NODE, "DaemonSet", Map.of("app", "node-exporter"));
        createPod("kube-system", "etcd-worker-3", NODE, null, Map.of("component", "etcd"));
        client.pods().inNamespace("kube-system").withName("etcd-worker-3").edit(p -> new PodBuilder(p)
                .editMetadata()
                .addToAnnotations(DrainPlan.MIRROR, "abc")
                .endMetadata()
                .build());
        createPod("shop", "debug", NODE, null, Map.of("app", "debug"));
        client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace("payments")
                .resource(new PodDisruptionBudgetBuilder()
                        .withNewMetadata()
                        .withName("api")
                        .withNamespace("payments")
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .addToMatchLabels("app", "api")
                        .endSelector()
                        .withNewMinAvailable(2)
                        .endSpec()
                        .withNewStatus()
                        .withDisruptionsAllowed(1)
                        .withCurrentHealthy(3)
                        .withDesiredHealthy(2)
                        .withExpectedPods(3)
                        .endStatus()
                        .build())
                .create();
        DrainActionExecutor drain =
                new DrainActionExecutor(kubernetes.clusters(), Duration.ofMillis(20), Duration.ofMillis(100));

        ActionPreview preview = drain.preview(request(ActionType.DRAIN, Map.of("node", NODE, "timeout", "2s")));
        ActionOutcome outcome = drain.execute(request(ActionType.DRAIN, Map.of("node", NODE, "timeout", "2s")));

        assertEquals("node/worker-3 (default context)", preview.target());
        assertEquals(
                "kubectl drain worker-3 --ignore-daemonsets --timeout=2s",
                preview.lines().get(0));
        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertEquals(
                "node/worker-3 is cordoned but not drained: 2 pods could not be evicted within 2s: shop/debug (not"
                        + " managed by a controller: nothing would recreate it elsewhere), payments/api-2 (eviction"
                        + " refused (429 Too Many Requests) by PodDisruptionBudget payments/api allows 0"
                        + " disruption(s) now (2 healthy, 2 needed)); 2 pods evicted",
                failed.reason());
        assertEquals(
                "evicted: payments/api-1, shop/cart-0\n"
                        + "left in place: kube-system/etcd-worker-3 (mirror pod, run by the kubelet from a static"
                        + " manifest), monitoring/node-exporter-x7k2p (DaemonSet-managed)\n"
                        + "not evicted: shop/debug (not managed by a controller: nothing would recreate it elsewhere),"
                        + " payments/api-2 (eviction refused (429 Too Many Requests) by PodDisruptionBudget"
                        + " payments/api allows 0 disruption(s) now (2 healthy, 2 needed))",
                failed.output());
        assertTrue(cordoned());
        assertNull(pod("payments", "api-1"));
        assertNull(pod("shop", "cart-0"));
        assertNotNull(pod("payments", "api-2"));
        assertNotNull(pod("payments", "api-3"));
        assertNotNull(pod("monitoring", "node-exporter-x7k2p"));
        assertNotNull(pod("kube-system", "etcd-worker-3"));
        assertNotNull(pod("shop", "debug"));
    }

    @Test
    void drainOfANodeWhosePodsCanAllMoveCompletes() {
        createPod("payments", "api-1", NODE, "ReplicaSet", Map.of("app", "api"));
        createPod("monitoring", "node-exporter-x7k2p", NODE, "DaemonSet", Map.of("app", "node-exporter"));
        DrainActionExecutor drain =
                new DrainActionExecutor(kubernetes.clusters(), Duration.ofMillis(20), Duration.ofMillis(100));

        ActionOutcome outcome = drain.execute(request(ActionType.DRAIN, Map.of("node", NODE)));

        assertEquals(
                new ActionOutcome.Completed("node/worker-3 cordoned and drained: 1 pod evicted\n"
                        + "evicted: payments/api-1\n"
                        + "left in place: monitoring/node-exporter-x7k2p (DaemonSet-managed)"),
                outcome);
        assertTrue(cordoned());
        assertNull(pod("payments", "api-1"));
        assertNotNull(pod("monitoring", "node-exporter-x7k2p"));
    }
}
