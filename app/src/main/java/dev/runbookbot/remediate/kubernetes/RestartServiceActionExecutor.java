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
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code restart_service}: a rolling restart of a Deployment, StatefulSet or DaemonSet, exactly as {@code kubectl
 * rollout restart} does it. It sets the pod-template annotation {@value #RESTARTED_AT} to the current time (RFC 3339,
 * UTC); the changed template makes the controller replace the pods under the workload's own update strategy (a
 * StatefulSet one by one in reverse ordinal order, a DaemonSet node by node). A paused Deployment is refused, as kubectl
 * refuses it. Config: {@code deployment} (or {@code statefulset}, or {@code daemonset}), {@code namespace}, optional
 * {@code context}.
 */
public final class RestartServiceActionExecutor implements ActionExecutor {
    /** The annotation kubectl sets on the pod template. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClusters clusters;
    private final Clock clock;

    public RestartServiceActionExecutor(KubernetesClusters clusters, Clock clock) {
        this.clusters = clusters;
        this.clock = clock;
    }

    @Override
    public ActionType type() {
        return ActionType.RESTART_SERVICE;
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
        return WorkloadConfig.parse(config, WorkloadConfig.KEYS, "restart_service", problems);
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        WorkloadTarget target = target(request);
        return new ActionPreview(
                target.describe(),
                List.of(
                        "kubectl rollout restart " + target.kubectlArgs(),
                        "sets spec.template.metadata.annotations[\"" + RESTARTED_AT + "\"] to the current time;"
                                + " the pods are then replaced one by one"));
    }

    private WorkloadTarget target(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        WorkloadConfig config = parse(request.action().config(), problems)
                .orElseThrow(() -> KubernetesFailures.invalidConfig(problems));
        return clusters.target(config, request.context());
    }

    @Override
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
            String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
            Map<String, Object> patch = Map.of(
                    "spec", Map.of("template", Map.of("metadata", Map.of("annotations", Map.of(RESTARTED_AT, now)))));
            resource.patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    client.getKubernetesSerialization().asJson(patch));
            return new ActionOutcome.Completed(target.objectName() + " restarted\n" + RESTARTED_AT + "=" + now
                    + (Workloads.updatesOnDelete(workload)
                            ? "\nnote: its update strategy is OnDelete, so the controller replaces a pod only when it"
                                    + " is deleted; delete the pods to restart them"
                            : ""));
        } catch (KubernetesClientException e) {
            return KubernetesFailures.apiError(e, target, "restart");
        }
    }
}
