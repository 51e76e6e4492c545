package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a drain sorts a node's pods, and how a PodDisruptionBudget's selector is read. */
class DrainPlanTest {
    private static Pod pod(String namespace, String name, String ownerKind) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNodeName("worker-3")
                .endSpec();
        if (ownerKind != null) {
            pod.editMetadata()
                    .addNewOwnerReference()
                    .withKind(ownerKind)
                    .withName("owner")
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        return pod.build();
    }

    private static Pod withEmptyDir(Pod pod) {
        return new PodBuilder(pod)
                .editSpec()
                .addNewVolume()
                .withName("cache")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .build();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(DrainPlan::name).toList();
    }

    @Test
    void daemonSetAndMirrorPodsStayUnmanagedAndEmptyDirPodsBlockAndTheRestAreEvictedInNameOrder() {
        Pod mirror = new PodBuilder(pod("kube-system", "etcd-worker-3", null))
                .editMetadata()
                .addToAnnotations(DrainPlan.MIRROR, "abc")
                .endMetadata()
                .build();
        Pod finishedJob = new PodBuilder(pod("batch", "report-x1", null))
                .withNewStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build();
        List<Pod> pods = List.of(
                pod("shop", "cart-0", "StatefulSet"),
                pod("payments", "api-1", "ReplicaSet"),
                pod("monitoring", "node-exporter-x7k2p", "DaemonSet"),
                mirror,
                pod("shop", "debug", null),
                withEmptyDir(pod("shop", "cache-0", "StatefulSet")),
                finishedJob);

        DrainPlan plan = DrainPlan.of(pods, false);

        assertEquals(List.of("batch/report-x1", "payments/api-1", "shop/cart-0"), names(plan.toEvict()));
        assertEquals(
                List.of(
                        new DrainPlan.Left(
                                "kube-system/etcd-worker-3", "mirror pod, run by the kubelet from a static manifest"),
                        new DrainPlan.Left("monitoring/node-exporter-x7k2p", "DaemonSet-managed")),
                plan.ignored());
        assertEquals(
                List.of(
                        new DrainPlan.Left(
                                "shop/cache-0",
                                "has emptyDir data that eviction deletes; set delete_emptydir_data: true to evict it"),
                        new DrainPlan.Left(
                                "shop/debug", "not managed by a controller: nothing would recreate it elsewhere")),
                plan.blocking());
        assertEquals(
                List.of("batch/report-x1", "payments/api-1", "shop/cache-0", "shop/cart-0"),
                names(DrainPlan.of(pods, true).toEvict()));
    }

    @Test
    void aSelectorReadsMatchLabelsAndEveryExpressionOperator() {
        Map<String, String> labels = Map.of("app", "api", "tier", "web");
        LabelSelector selector = new LabelSelectorBuilder()
                .addToMatchLabels("app", "api")
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("web", "edge")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("canary")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();

        assertTrue(LabelSelectors.matches(selector, labels));
        assertFalse(LabelSelectors.matches(selector, Map.of("app", "api", "tier", "db")));
        assertFalse(LabelSelectors.matches(selector, Map.of("app", "api", "tier", "web", "canary", "1")));
        assertTrue(LabelSelectors.matches(new LabelSelector(), labels), "an empty selector selects every pod");
        assertFalse(LabelSelectors.matches(null, labels), "no selector selects no pod");
        LabelSelector unknown = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("app")
                .withOperator("Like")
                .endMatchExpression()
                .build();
        assertFalse(LabelSelectors.matches(unknown, labels), "an operator it does not know selects nothing");
        LabelSelector notIn = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("NotIn")
                .withValues("db")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("app")
                .withOperator("Exists")
                .endMatchExpression()
                .build();
        assertTrue(LabelSelectors.matches(notIn, labels));
    }
}
