package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The Kubernetes API clients the actions may use: one for the default context (the kubeconfig's current context, or
 * the in-cluster service account) and one per named kubeconfig context a runbook may select with {@code context:}.
 * The runtime builds and closes the clients; this class only hands them out. The default client may be given as a
 * supplier, asked only when a Kubernetes action first needs it, so that a bot that never acts on Kubernetes never
 * loads the client (thousands of classes). Thread-safe (fabric8 clients are; the supplier is the caller's, see
 * {@link #lazy}).
 */
public final class KubernetesClusters {
    private final Supplier<KubernetesClient> defaultClient;
    private final Map<String, KubernetesClient> byContext;

    public KubernetesClusters(KubernetesClient defaultClient, Map<String, KubernetesClient> byContext) {
        this(() -> defaultClient, byContext);
        Objects.requireNonNull(defaultClient, "defaultClient");
    }

    private KubernetesClusters(Supplier<KubernetesClient> defaultClient, Map<String, KubernetesClient> byContext) {
        this.defaultClient = Objects.requireNonNull(defaultClient, "defaultClient");
        this.byContext = Map.copyOf(byContext);
    }

    /** One cluster, no named contexts. */
    public static KubernetesClusters of(KubernetesClient client) {
        return new KubernetesClusters(client, Map.of());
    }

    /**
     * One cluster whose client is built when an action first asks for it.
     *
     * @param client thread-safe and building the client once (the runtime's memoising holder)
     */
    public static KubernetesClusters lazy(Supplier<KubernetesClient> client) {
        return new KubernetesClusters(client, Map.of());
    }

    /** The client for {@code context}, or the default client when it is empty; empty for an unknown context. */
    public Optional<KubernetesClient> client(Optional<String> context) {
        return context.isEmpty() ? Optional.of(defaultClient.get()) : Optional.ofNullable(byContext.get(context.get()));
    }

    /**
     * The workload {@code config} names for one run, rendered with the run's inputs.
     *
     * @throws ActionException when a name does not render to a valid one, or the context is not configured
     */
    WorkloadTarget target(WorkloadConfig config, TemplateContext context) throws ActionException {
        WorkloadTarget target = config.render(context);
        requireKnown(target.context());
        return target;
    }

    /**
     * The node {@code config} names for one run, rendered with the run's inputs.
     *
     * @throws ActionException when the name does not render to a valid one, or the context is not configured
     */
    NodeTarget target(NodeConfig config, TemplateContext context) throws ActionException {
        NodeTarget target = config.render(context);
        requireKnown(target.context());
        return target;
    }

    /** Checks the context without building the default client: a preview builds no client. */
    private void requireKnown(Optional<String> context) throws ActionException {
        if (context.isPresent() && !byContext.containsKey(context.get())) {
            throw new ActionException(unknownContext(context.orElseThrow()));
        }
    }

    /** A problem when {@code config} names a context that is not configured. */
    Optional<ConfigProblem> checkContext(WorkloadConfig config, StepConfig step) {
        return checkContext(config.context(), step);
    }

    /** A problem when {@code context} is a context that is not configured. */
    Optional<ConfigProblem> checkContext(Optional<String> context, StepConfig step) {
        if (context.isEmpty() || byContext.containsKey(context.get())) {
            return Optional.empty();
        }
        return Optional.of(new ConfigProblem(step.pathOf("context"), unknownContext(context.get())));
    }

    String unknownContext(String context) {
        return "unknown Kubernetes context '" + context + "'; configured contexts: "
                + (byContext.isEmpty()
                        ? "none (only the default)"
                        : String.join(", ", new TreeSet<>(byContext.keySet())));
    }
}
