package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cordon} and {@code uncordon}: mark a node unschedulable (new pods go elsewhere, running pods stay) or
 * schedulable again, as {@code kubectl cordon} and {@code kubectl uncordon} do, by setting {@code spec.unschedulable}.
 * A node already in the asked state is left as it is and the outcome says so. Config: {@code node}, optional {@code
 * context}.
 */
public final class CordonActionExecutor implements ActionExecutor {
    private final KubernetesClusters clusters;
    private final boolean unschedulable;

    private CordonActionExecutor(KubernetesClusters clusters, boolean unschedulable) {
        this.clusters = clusters;
        this.unschedulable = unschedulable;
    }

    /** {@code cordon}. */
    public static CordonActionExecutor cordon(KubernetesClusters clusters) {
        return new CordonActionExecutor(clusters, true);
    }

    /** {@code uncordon}. */
    public static CordonActionExecutor uncordon(KubernetesClusters clusters) {
        return new CordonActionExecutor(clusters, false);
    }

    @Override
    public ActionType type() {
        return unschedulable ? ActionType.CORDON : ActionType.UNCORDON;
    }

    private String verb() {
        return type().yamlName();
    }

    @Override
    public Set<String> configKeys() {
        return NodeConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        parse(config, problems)
                .flatMap(c -> clusters.checkContext(c.context(), config))
                .ifPresent(problems::add);
        return problems;
    }

    private Optional<NodeConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        return NodeConfig.parse(config, NodeConfig.KEYS, verb(), problems);
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        NodeTarget target = target(request);
        return new ActionPreview(
                target.describe(),
                List.of(
                        "kubectl " + verb() + " " + target.kubectlArgs(),
                        unschedulable
                                ? "marks the node unschedulable: its running pods stay, new pods are scheduled"
                                        + " elsewhere"
                                : "marks the node schedulable again: new pods may be scheduled on it"));
    }

    private NodeTarget target(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        NodeConfig config = parse(request.action().config(), problems)
                .orElseThrow(() -> KubernetesFailures.invalidConfig(problems));
        return clusters.target(config, request.context());
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        NodeTarget target;
        try {
            target = target(request);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        KubernetesClient client = clusters.client(target.context()).orElseThrow();
        try {
            Node node = client.nodes().withName(target.name()).get();
            if (node == null) {
                return KubernetesFailures.nodeNotFound(target);
            }
            if (Nodes.unschedulable(node) == unschedulable) {
                return new ActionOutcome.Completed("node/" + target.name() + " already "
                        + (unschedulable ? "cordoned" : "schedulable") + "; nothing changed");
            }
            Nodes.setUnschedulable(client, target, unschedulable);
            return new ActionOutcome.Completed("node/" + target.name() + " " + verb() + "ed");
        } catch (KubernetesClientException e) {
            return KubernetesFailures.apiError(e, target.describe(), "Node", verb());
        }
    }
}
