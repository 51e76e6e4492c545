package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionOutcome;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Deployment's rollback, as {@code kubectl rollout undo} does it: it lists the ReplicaSets the Deployment controls
 * (matching its selector and owned by it, by UID), takes the one with the second-highest {@link
 * RollbackActionExecutor#REVISION} annotation, and writes that ReplicaSet's pod template (without its {@value
 * #POD_TEMPLATE_HASH} label) back into the Deployment, together with the ReplicaSet's annotations (change cause and the
 * like), in one JSON patch. The Deployment controller then rolls the pods back and records a new revision.
 */
final class ReplicaSetRollback {
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    /** Deployment annotations kubectl keeps from the Deployment instead of copying them from the ReplicaSet. */
    private static final Set<String> ANNOTATIONS_TO_SKIP = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            RollbackActionExecutor.REVISION,
            "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas",
            "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    private ReplicaSetRollback() {}

    /** Rolls {@code deployment} (read through {@code resource}, not paused) back to its previous revision. */
    static ActionOutcome rollBack(
            KubernetesClient client, WorkloadTarget target, Deployment deployment, Resource<Deployment> resource) {
        List<ReplicaSet> owned = ownedReplicaSets(client, deployment);
        Revisions revisions = Revisions.of(owned);
        if (revisions.previous() == null) {
            return new ActionOutcome.Failed(
                    "no previous revision to roll back to: " + target.describe() + " has "
                            + (revisions.latest() == null
                                    ? "no ReplicaSet with a " + RollbackActionExecutor.REVISION + " annotation"
                                    : "only revision " + revisions.latestRevision())
                            + "; nothing was changed",
                    "");
        }
        PodTemplateSpec template =
                withoutHash(client, revisions.previous().getSpec().getTemplate());
        if (template.equals(withoutHash(client, deployment.getSpec().getTemplate()))) {
            return new ActionOutcome.Failed(
                    "nothing to roll back: the pod template of " + target.describe() + " already matches revision "
                            + revisions.previousRevision(),
                    "");
        }
        List<Map<String, Object>> patch = List.of(
                Map.of("op", "add", "path", "/spec/template", "value", template),
                Map.of("op", "add", "path", "/metadata/annotations", "value", annotations(deployment, revisions)));
        resource.patch(
                PatchContext.of(PatchType.JSON),
                client.getKubernetesSerialization().asJson(patch));
        return new ActionOutcome.Completed(target.objectName() + " rolled back from revision "
                + revisions.latestRevision() + " to revision " + revisions.previousRevision()
                + PodTemplates.imageChanges(deployment.getSpec().getTemplate(), template));
    }

    private static List<ReplicaSet> ownedReplicaSets(KubernetesClient client, Deployment deployment) {
        String uid = deployment.getMetadata().getUid();
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : client.apps()
                .replicaSets()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withLabelSelector(deployment.getSpec().getSelector())
                .list()
                .getItems()) {
            for (OwnerReference ref : rs.getMetadata().getOwnerReferences()) {
                if (Boolean.TRUE.equals(ref.getController()) && Objects.equals(uid, ref.getUid())) {
                    owned.add(rs);
                }
            }
        }
        return owned;
    }

    private static PodTemplateSpec withoutHash(KubernetesClient client, PodTemplateSpec template) {
        PodTemplateSpec copy = client.getKubernetesSerialization().clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    private static Map<String, String> annotations(Deployment deployment, Revisions revisions) {
        Map<String, String> result = new HashMap<>();
        Map<String, String> current = deployment.getMetadata().getAnnotations();
        if (current != null) {
            for (String key : ANNOTATIONS_TO_SKIP) {
                if (current.containsKey(key)) {
                    result.put(key, current.get(key));
                }
            }
        }
        Map<String, String> fromReplicaSet = revisions.previous().getMetadata().getAnnotations();
        if (fromReplicaSet != null) {
            fromReplicaSet.forEach((k, v) -> {
                if (!ANNOTATIONS_TO_SKIP.contains(k)) {
                    result.put(k, v);
                }
            });
        }
        return result;
    }

    /** The latest and previous revisions among a Deployment's ReplicaSets, picked the way kubectl picks them. */
    private record Revisions(ReplicaSet latest, long latestRevision, ReplicaSet previous, long previousRevision) {
        static Revisions of(List<ReplicaSet> replicaSets) {
            ReplicaSet latest = null;
            ReplicaSet previous = null;
            long latestRevision = -1;
            long previousRevision = -1;
            for (ReplicaSet rs : replicaSets) {
                OptionalLong revision = revision(rs);
                if (revision.isEmpty()) {
                    continue;
                }
                long v = revision.getAsLong();
                if (v > latestRevision) {
                    previousRevision = latestRevision;
                    previous = latest;
                    latestRevision = v;
                    latest = rs;
                } else if (v > previousRevision) {
                    previousRevision = v;
                    previous = rs;
                }
            }
            return new Revisions(latest, latestRevision, previous, previousRevision);
        }

        private static OptionalLong revision(ReplicaSet rs) {
            Map<String, String> annotations = rs.getMetadata().getAnnotations();
            String value = annotations == null ? null : annotations.get(RollbackActionExecutor.REVISION);
            if (value == null) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }
}
