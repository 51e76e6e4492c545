package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which workload a Kubernetes action acts on: its kind and name as kubectl writes them, exactly one of {@code
 * deployment: api}, {@code statefulset: postgres} or {@code daemonset: node-exporter}; its {@code namespace} (literal
 * names or templates such as {@code {{ labels.namespace }}}, checked as RFC 1123 names once rendered); and an optional
 * kubeconfig {@code context} naming the cluster, never templated (see {@link NameTemplates}).
 */
public record WorkloadConfig(Template name, Template namespace, Optional<String> context, WorkloadKind kind) {
    /** The keys of an action that acts on every kind of workload. */
    public static final Set<String> KEYS = Set.of("deployment", "statefulset", "daemonset", "namespace", "context");

    /** A Deployment's config. */
    public WorkloadConfig(Template name, Template namespace, Optional<String> context) {
        this(name, namespace, context, WorkloadKind.DEPLOYMENT);
    }

    /** {@link #parse(StepConfig, Set, String, List, Map)} for an action that acts on every kind. */
    public static Optional<WorkloadConfig> parse(
            StepConfig config, Set<String> allowedKeys, String actionName, List<ConfigProblem> problems) {
        return parse(config, allowedKeys, actionName, problems, Map.of());
    }

    /**
     * Parses the target keys of {@code config}, adding every problem to {@code problems}; empty when there was one.
     * {@code allowedKeys} is the full key set of the action, for the unknown-key check; {@code refusedKinds} maps each
     * kind the action cannot act on to why (its key is then refused with that reason rather than as unknown).
     */
    public static Optional<WorkloadConfig> parse(
            StepConfig config,
            Set<String> allowedKeys,
            String actionName,
            List<ConfigProblem> problems,
            Map<WorkloadKind, String> refusedKinds) {
        int before = problems.size();
        Set<String> refusedKeys =
                refusedKinds.keySet().stream().map(WorkloadKind::key).collect(Collectors.toSet());
        for (String key : config.values().keySet()) {
            if (!allowedKeys.contains(key) && !refusedKeys.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "'; " + actionName + " takes "
                                + String.join(", ", new TreeSet<>(allowedKeys))));
            }
        }
        List<WorkloadKind> named = Arrays.stream(WorkloadKind.values())
                .filter(k -> config.get(k.key()).isPresent())
                .toList();
        WorkloadKind kind = named.isEmpty() ? WorkloadKind.DEPLOYMENT : named.get(0);
        if (named.size() > 1) {
            problems.add(new ConfigProblem(
                    config.pathOf(named.get(1).key()),
                    actionName + " acts on one workload: give one of " + kinds(allowedKeys) + ", not "
                            + named.stream().map(WorkloadKind::key).collect(Collectors.joining(" and "))));
        } else if (refusedKinds.containsKey(kind)) {
            problems.add(new ConfigProblem(
                    config.pathOf(kind.key()),
                    actionName + " cannot act on a " + kind.title() + ": " + refusedKinds.get(kind)));
        }
        Optional<Template> name = NameTemplates.parse(
                config, kind.key(), kind.title() + " name", "payment-service", Dns1123::checkSubdomain, problems);
        Optional<Template> namespace =
                NameTemplates.parse(config, "namespace", "namespace", "production", Dns1123::checkLabel, problems);
        Optional<String> context = NameTemplates.context(config, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadConfig(name.orElseThrow(), namespace.orElseThrow(), context, kind));
    }

    private static String kinds(Set<String> allowedKeys) {
        List<String> keys = Arrays.stream(WorkloadKind.values())
                .map(WorkloadKind::key)
                .filter(allowedKeys::contains)
                .toList();
        return keys.size() <= 1
                ? String.join("", keys)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
    }

    /** Renders the names for one run and checks them; a value that is not a valid name is refused, never escaped. */
    public WorkloadTarget render(TemplateContext context) throws ActionException {
        String ns = NameTemplates.render(namespace, "namespace", "namespace", Dns1123::checkLabel, context);
        String rendered =
                NameTemplates.render(name, kind.key(), kind.title() + " name", Dns1123::checkSubdomain, context);
        return new WorkloadTarget(ns, rendered, this.context, kind);
    }
}
