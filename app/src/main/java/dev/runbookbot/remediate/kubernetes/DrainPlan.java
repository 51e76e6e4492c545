package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pods of a node sorted as {@code kubectl drain --ignore-daemonsets} sorts them: pods to evict; pods left in place
 * because a drain never moves them (DaemonSet-managed pods, which the DaemonSet would put back at once, and mirror
 * pods, which the kubelet runs from a static manifest); and pods left because evicting them would lose something (a
 * pod no controller would recreate, a pod with {@code emptyDir} data unless {@code delete_emptydir_data}), which keep
 * the node from being drained. Finished pods (Succeeded, Failed) are evicted whatever owns them. Each list is in
 * {@code namespace/name} order.
 */
record DrainPlan(List<Pod> toEvict, List<Left> ignored, List<Left> blocking) {
    static final String MIRROR = "kubernetes.io/config.mirror";

    /** A pod left on the node, as {@code namespace/name}, and why. */
    record Left(String pod, String why) {
        @Override
        public String toString() {
            return pod + " (" + why + ")";
        }
    }

    DrainPlan {
        toEvict = List.copyOf(toEvict);
        ignored = List.copyOf(ignored);
        blocking = List.copyOf(blocking);
    }

    static DrainPlan of(List<Pod> pods, boolean deleteEmptyDirData) {
        List<Pod> toEvict = new ArrayList<>();
        List<Left> ignored = new ArrayList<>();
        List<Left> blocking = new ArrayList<>();
        List<Pod> sorted =
                pods.stream().sorted(Comparator.comparing(DrainPlan::name)).toList();
        for (Pod pod : sorted) {
            String name = name(pod);
            Map<String, String> annotations = pod.getMetadata().getAnnotations();
            Optional<OwnerReference> controller = pod.getMetadata().getOwnerReferences().stream()
                    .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                    .findFirst();
            if (annotations != null && annotations.containsKey(MIRROR)) {
                ignored.add(new Left(name, "mirror pod, run by the kubelet from a static manifest"));
            } else if (controller.isPresent()
                    && "DaemonSet".equals(controller.get().getKind())) {
                ignored.add(new Left(name, "DaemonSet-managed"));
            } else if (finished(pod)) {
                toEvict.add(pod);
            } else if (controller.isEmpty()) {
                blocking.add(new Left(name, "not managed by a controller: nothing would recreate it elsewhere"));
            } else if (!deleteEmptyDirData && usesEmptyDir(pod)) {
                blocking.add(new Left(
                        name, "has emptyDir data that eviction deletes; set delete_emptydir_data: true to evict it"));
            } else {
                toEvict.add(pod);
            }
        }
        return new DrainPlan(toEvict, ignored, blocking);
    }

    static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static boolean finished(Pod pod) {
        return pod.getStatus() != null
                && Set.of("Succeeded", "Failed").contains(pod.getStatus().getPhase());
    }

    private static boolean usesEmptyDir(Pod pod) {
        return pod.getSpec() != null
                && pod.getSpec().getVolumes() != null
                && pod.getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null);
    }
}
