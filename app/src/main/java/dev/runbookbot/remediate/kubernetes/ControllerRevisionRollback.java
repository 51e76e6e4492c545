package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionOutcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A StatefulSet's or DaemonSet's rollback, as {@code kubectl rollout undo} does it for them: their history is kept in
 * ControllerRevisions (owned by the workload, by UID, and matching its selector), each holding the pod template of one
 * revision under {@code data.spec.template}. The one with the second-highest {@code revision} is the previous revision;
 * its template replaces the workload's in one JSON patch, and the controller rolls the pods back under the workload's
 * own update strategy and records a new revision.
 */
final class ControllerRevisionRollback {
    private ControllerRevisionRollback() {}

    /** Rolls {@code workload} (a StatefulSet or DaemonSet, read through {@code resource}) back. */
    static ActionOutcome rollBack(
            KubernetesClient client,
            WorkloadTarget target,
            HasMetadata workload,
            Resource<? extends HasMetadata> resource) {
        List<ControllerRevision> history = owned(client, workload);
        if (history.size() < 2) {
            return new ActionOutcome.Failed(
                    "no previous revision to roll back to: " + target.describe() + " has "
                            + (history.isEmpty()
                                    ? "no ControllerRevision"
                                    : "only revision " + history.get(0).getRevision())
                            + "; nothing was changed",
                    "");
        }
        ControllerRevision latest = history.get(0);
        ControllerRevision previous = history.get(1);
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        PodTemplateSpec current = Workloads.template(workload);
        PodTemplateSpec template = template(serialization, previous);
        if (template == null) {
            return new ActionOutcome.Failed(
                    "revision " + previous.getRevision() + " of " + target.describe() + " (ControllerRevision "
                            + previous.getMetadata().getName() + ") holds no pod template; nothing was changed",
                    "");
        }
        if (template.equals(serialization.clone(current))) {
            return new ActionOutcome.Failed(
                    "nothing to roll back: the pod template of " + target.describe() + " already matches revision "
                            + previous.getRevision(),
                    "");
        }
        List<Map<String, Object>> patch = List.of(Map.of("op", "add", "path", "/spec/template", "value", template));
        resource.patch(PatchContext.of(PatchType.JSON), serialization.asJson(patch));
        return new ActionOutcome.Completed(target.objectName() + " rolled back from revision " + latest.getRevision()
                + " to revision " + previous.getRevision() + PodTemplates.imageChanges(current, template));
    }

    /** The workload's ControllerRevisions, newest first. */
    private static List<ControllerRevision> owned(KubernetesClient client, HasMetadata workload) {
        String uid = workload.getMetadata().getUid();
        return client
                .apps()
                .controllerRevisions()
                .inNamespace(workload.getMetadata().getNamespace())
                .withLabelSelector(Workloads.selector(workload))
                .list()
                .getItems()
                .stream()
                .filter(revision -> revision.getRevision() != null)
                .filter(revision ->
                        revision.getMetadata().getOwnerReferences().stream().anyMatch(ref -> isController(ref, uid)))
                .sorted(Comparator.comparing(ControllerRevision::getRevision).reversed())
                .toList();
    }

    private static boolean isController(OwnerReference ref, String uid) {
        return Boolean.TRUE.equals(ref.getController()) && Objects.equals(uid, ref.getUid());
    }

    /** {@code data.spec.template} of a revision, or null when it has none. */
    private static PodTemplateSpec template(KubernetesSerialization serialization, ControllerRevision revision) {
        if (!(serialization.convertValue(revision.getData(), Map.class) instanceof Map<?, ?> data)
                || !(data.get("spec") instanceof Map<?, ?> spec)
                || !(spec.get("template") instanceof Map<?, ?> template)) {
            return null;
        }
        Map<Object, Object> withoutDirective = new LinkedHashMap<>(template);
        withoutDirective.remove("$patch"); // the strategic-merge directive the controller writes beside the template
        return serialization.convertValue(withoutDirective, PodTemplateSpec.class);
    }
}
