package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rollback}: undoes a workload to its previous revision, as {@code kubectl rollout undo} does: a Deployment from
 * the ReplicaSets it owns ({@link ReplicaSetRollback}), a StatefulSet or DaemonSet from its ControllerRevisions
 * ({@link ControllerRevisionRollback}). It fails with the reason when the Deployment is paused, when there is no
 * previous revision, or when the workload already runs the previous revision's template. Config: {@code deployment}
 * (or {@code statefulset}, or {@code daemonset}), {@code namespace}, optional {@code context}.
 */
public final class RollbackActionExecutor implements ActionExecutor {
    /** The revision annotation the Deployment controller puts on each ReplicaSet and on the Deployment. */
    public static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClusters clusters;

    public RollbackActionExecutor(KubernetesClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public ActionType type() {
        return ActionType.ROLLBACK;
    }

    @Override
    public Set<String> configKeys() {
        return WorkloadConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        parse(config, problems).flatMap(c -> clusters.checkContext(c, config)).ifPresent(problems::add);
        return problems;
    }

    private static Optional<WorkloadConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        return WorkloadConfig.parse(config, WorkloadConfig.KEYS, "rollback", problems);
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        WorkloadTarget target = target(request);
        return new ActionPreview(
                target.describe(),
                List.of(
                        "kubectl rollout undo " + target.kubectlArgs(),
                        target.kind() == WorkloadKind.DEPLOYMENT
                                ? "restores the pod template of the previous revision (the Deployment's ReplicaSet"
                                        + " with the next-highest " + REVISION + ")"
                                : "restores the pod template of the previous revision (the "
                                        + target.kind().title()
                                        + "'s ControllerRevision with the next-highest revision)"));
    }

    private WorkloadTarget target(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        WorkloadConfig config = parse(request.action().config(), problems)
                .orElseThrow(() -> KubernetesFailures.invalidConfig(problems));
        return clusters.target(config, request.context());
    }

    @Override
    @SuppressWarnings("unchecked") // a DEPLOYMENT target's resource is a Resource<Deployment>
    public ActionOutcome execute(ActionRequest request) {
        WorkloadTarget target;
        try {
            target = target(request);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        KubernetesClient client = clusters.client(target.context()).orElseThrow();
        Resource<? extends HasMetadata> resource = Workloads.resource(client, target);
        try {
            HasMetadata workload = resource.get();
            if (workload == null) {
                return KubernetesFailures.notFound(target);
            }
            if (Workloads.paused(workload)) {
                return KubernetesFailures.paused(target);
            }
            if (workload instanceof Deployment deployment) {
                return ReplicaSetRollback.rollBack(client, target, deployment, (Resource<Deployment>) resource);
            }
            return ControllerRevisionRollback.rollBack(client, target, workload, resource);
        } catch (KubernetesClientException e) {
            return KubernetesFailures.apiError(e, target, "roll back");
        }
    }
}
