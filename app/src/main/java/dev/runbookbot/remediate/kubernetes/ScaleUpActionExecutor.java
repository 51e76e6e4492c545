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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scale_up}: raises a Deployment's (or a StatefulSet's) replica count, to {@code replicas: N} or by {@code step: N}, never above
 * {@code max_replicas} and never down (see {@link ScaleConfig}). It reads the current count, decides, and writes the
 * new count with a merge patch that carries the {@code resourceVersion} it read, so a Deployment changed in between
 * (another scale, an autoscaler) makes the API answer 409 instead of the bot overwriting it. The output reports
 * {@code old -> new}. A Deployment managed by a HorizontalPodAutoscaler may be scaled back by it; that is the
 * autoscaler's call.
 */
public final class ScaleUpActionExecutor implements ActionExecutor {
    private final KubernetesClusters clusters;

    public ScaleUpActionExecutor(KubernetesClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public ActionType type() {
        return ActionType.SCALE_UP;
    }

    @Override
    public Set<String> configKeys() {
        return ScaleConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        ScaleConfig.parse(config, problems)
                .flatMap(c -> clusters.checkContext(c.target(), config))
                .ifPresent(problems::add);
        return problems;
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        ScaleConfig config = config(request);
        WorkloadTarget target = clusters.target(config.target(), request.context());
        return new ActionPreview(
                target.describe(),
                List.of("kubectl scale " + target.kubectlArgs() + " " + config.replicasArgument(request.context())));
    }

    private static ScaleConfig config(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        return ScaleConfig.parse(request.action().config(), problems)
                .orElseThrow(() -> KubernetesFailures.invalidConfig(problems));
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        ScaleConfig config;
        WorkloadTarget target;
        try {
            config = config(request);
            target = clusters.target(config.target(), request.context());
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        KubernetesClient client = clusters.client(target.context()).orElseThrow();
        Resource<? extends HasMetadata> resource = Workloads.resource(client, target);
        try {
            HasMetadata deployment = resource.get();
            if (deployment == null) {
                return KubernetesFailures.notFound(target);
            }
            int current = Workloads.replicas(deployment).orElseThrow(); // lint refuses a DaemonSet
            ReplicaChange change;
            try {
                change = config.decide(current, request.context());
            } catch (ActionException e) {
                return new ActionOutcome.Failed(e.getMessage(), "");
            }
            if (change instanceof ReplicaChange.Refused refused) {
                return new ActionOutcome.Failed(refused.reason() + " (" + target.describe() + ")", "");
            }
            if (change instanceof ReplicaChange.Unchanged unchanged) {
                return new ActionOutcome.Completed(
                        target.objectName() + " already has " + unchanged.replicas() + " replicas; nothing changed");
            }
            ReplicaChange.Scale scale = (ReplicaChange.Scale) change;
            Map<String, Object> patch = Map.of(
                    "metadata",
                            Map.of("resourceVersion", deployment.getMetadata().getResourceVersion()),
                    "spec", Map.of("replicas", scale.to()));
            resource.patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    client.getKubernetesSerialization().asJson(patch));
            return new ActionOutcome.Completed(
                    target.objectName() + " scaled: " + scale.from() + " -> " + scale.to() + " replicas");
        } catch (KubernetesClientException e) {
            return KubernetesFailures.apiError(e, target, "scale");
        }
    }
}
