package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.text.DurationText;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code drain}: empties a node as {@code kubectl drain --ignore-daemonsets} does. It cordons the node first, sorts its
 * pods ({@link DrainPlan}: DaemonSet-managed and mirror pods stay; a pod nothing would recreate, or with {@code
 * emptyDir} data unless {@code delete_emptydir_data}, is left and keeps the node from being drained), then evicts the
 * rest through the Eviction API ({@link PodEvictions}), so PodDisruptionBudgets are respected, within {@code timeout}.
 * It completes when every pod to move is gone; otherwise it fails with each pod it could not evict and why, and the
 * node stays cordoned. Config: {@code node}, optional {@code context}, {@code timeout}, {@code delete_emptydir_data}.
 */
public final class DrainActionExecutor implements ActionExecutor {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(5); // kubectl drain's wait after a 429

    private final KubernetesClusters clusters;
    private final Duration pollInterval;
    private final Duration retryInterval;

    public DrainActionExecutor(KubernetesClusters clusters) {
        this(clusters, POLL, RETRY);
    }

    /** With other intervals between checks and between attempts of a refused eviction (tests shorten them). */
    DrainActionExecutor(KubernetesClusters clusters, Duration pollInterval, Duration retryInterval) {
        this.clusters = clusters;
        this.pollInterval = pollInterval;
        this.retryInterval = retryInterval;
    }

    /**
     * A client for the evictions that does not retry a 429 itself (the client's default backs off and retries for many
     * seconds, past the drain's timeout): this drain decides when to try a refused eviction again.
     */
    private static KubernetesClient withoutRetries(KubernetesClient client) {
        Config config = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public ActionType type() {
        return ActionType.DRAIN;
    }

    @Override
    public Set<String> configKeys() {
        return DrainConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        DrainConfig.parse(config, problems)
                .flatMap(c -> clusters.checkContext(c.node().context(), config))
                .ifPresent(problems::add);
        return problems;
    }

    private static DrainConfig config(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        return DrainConfig.parse(request.action().config(), problems)
                .orElseThrow(() -> KubernetesFailures.invalidConfig(problems));
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        DrainConfig config = config(request);
        NodeTarget target = clusters.target(config.node(), request.context());
        return new ActionPreview(
                target.describe(),
                List.of(
                        "kubectl drain " + target.kubectlArgs() + " --ignore-daemonsets"
                                + (config.deleteEmptyDirData() ? " --delete-emptydir-data" : "") + " --timeout="
                                + DurationText.format(config.budget(request.timeout())),
                        "cordons the node, then evicts its pods through the Eviction API, so PodDisruptionBudgets"
                                + " are respected (a refused eviction is retried until the timeout); DaemonSet-managed"
                                + " and mirror pods stay"));
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        DrainConfig config;
        NodeTarget target;
        try {
            config = config(request);
            target = clusters.target(config.node(), request.context());
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        Duration budget = config.budget(request.timeout());
        long deadline = System.nanoTime() + budget.toNanos();
        KubernetesClient client = clusters.client(target.context()).orElseThrow();
        try {
            Node node = client.nodes().withName(target.name()).get();
            if (node == null) {
                return KubernetesFailures.nodeNotFound(target);
            }
            if (!Nodes.unschedulable(node)) {
                Nodes.setUnschedulable(client, target, true);
            }
            List<Pod> pods =
                    client.pods().inAnyNamespace().withField("spec.nodeName", target.name()).list().getItems().stream()
                            .filter(p -> p.getSpec() != null
                                    && target.name().equals(p.getSpec().getNodeName()))
                            .toList();
            DrainPlan plan = DrainPlan.of(pods, config.deleteEmptyDirData());
            PodEvictions.Result result;
            try (KubernetesClient evicting = withoutRetries(client)) {
                result = new PodEvictions(evicting, pollInterval, retryInterval).evict(plan.toEvict(), deadline);
            }
            return DrainReport.outcome(target, plan, result, budget);
        } catch (KubernetesClientException e) {
            return KubernetesFailures.apiError(e, target.describe(), "Node", "drain");
        }
    }
}
