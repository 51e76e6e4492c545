package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Optional;

/** The API resource of a {@link WorkloadTarget}, whatever its kind, and the few fields the actions read from it. */
final class Workloads {
    private Workloads() {}

    static Resource<? extends HasMetadata> resource(KubernetesClient client, WorkloadTarget target) {
        return switch (target.kind()) {
            case DEPLOYMENT ->
                client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
            case STATEFULSET ->
                client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
            case DAEMONSET ->
                client.apps().daemonSets().inNamespace(target.namespace()).withName(target.name());
        };
    }

    /** Whether the workload is a paused Deployment (the other kinds cannot be paused). */
    static boolean paused(HasMetadata workload) {
        return workload instanceof Deployment deployment
                && Boolean.TRUE.equals(deployment.getSpec().getPaused());
    }

    /** The replica count a Deployment or StatefulSet asks for (1, the API's default, when unset); empty otherwise. */
    static Optional<Integer> replicas(HasMetadata workload) {
        Integer replicas;
        if (workload instanceof Deployment deployment) {
            replicas = deployment.getSpec().getReplicas();
        } else if (workload instanceof StatefulSet set) {
            replicas = set.getSpec().getReplicas();
        } else {
            return Optional.empty();
        }
        return Optional.of(replicas == null ? 1 : replicas);
    }

    /** The workload's pod template. */
    static PodTemplateSpec template(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate();
        }
        if (workload instanceof StatefulSet set) {
            return set.getSpec().getTemplate();
        }
        return ((DaemonSet) workload).getSpec().getTemplate();
    }

    /** The workload's pod selector. */
    static LabelSelector selector(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return deployment.getSpec().getSelector();
        }
        if (workload instanceof StatefulSet set) {
            return set.getSpec().getSelector();
        }
        return ((DaemonSet) workload).getSpec().getSelector();
    }

    /**
     * Whether a StatefulSet or DaemonSet updates its pods only when they are deleted ({@code updateStrategy: OnDelete}),
     * so a changed template replaces nothing by itself.
     */
    static boolean updatesOnDelete(HasMetadata workload) {
        if (workload instanceof StatefulSet set && set.getSpec().getUpdateStrategy() != null) {
            return "OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
        }
        if (workload instanceof DaemonSet daemons && daemons.getSpec().getUpdateStrategy() != null) {
            return "OnDelete".equals(daemons.getSpec().getUpdateStrategy().getType());
        }
        return false;
    }
}
