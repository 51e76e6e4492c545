package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** Reading and setting whether a node takes new pods ({@code spec.unschedulable}, what kubectl cordon sets). */
final class Nodes {
    private Nodes() {}

    static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    static void setUnschedulable(KubernetesClient client, NodeTarget target, boolean unschedulable) {
        Map<String, Object> patch = Map.of("spec", Map.of("unschedulable", unschedulable));
        client.nodes()
                .withName(target.name())
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        client.getKubernetesSerialization().asJson(patch));
    }
}
