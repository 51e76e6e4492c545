package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which node {@code cordon}, {@code uncordon} and {@code drain} act on: {@code node} (a literal name or a template such
 * as {@code {{ params.node }}}, checked as an RFC 1123 subdomain once rendered) and an optional kubeconfig {@code
 * context}, never templated (see {@link NameTemplates}).
 */
public record NodeConfig(Template node, Optional<String> context) {
    /** The keys of {@code cordon} and {@code uncordon}. */
    public static final Set<String> KEYS = Set.of("node", "context");

    /**
     * Parses the target keys of {@code config}, adding every problem to {@code problems}; empty when there was one.
     * {@code allowedKeys} is the full key set of the action, for the unknown-key check.
     */
    public static Optional<NodeConfig> parse(
            StepConfig config, Set<String> allowedKeys, String actionName, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!allowedKeys.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "'; " + actionName + " takes "
                                + String.join(", ", new TreeSet<>(allowedKeys))));
            }
        }
        Optional<Template> node =
                NameTemplates.parse(config, "node", "node name", "worker-3", Dns1123::checkSubdomain, problems);
        Optional<String> context = NameTemplates.context(config, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new NodeConfig(node.orElseThrow(), context));
    }

    /** Renders the node's name for one run and checks it; a value that is not a valid name is refused. */
    public NodeTarget render(TemplateContext context) throws ActionException {
        return new NodeTarget(
                NameTemplates.render(node, "node", "node name", Dns1123::checkSubdomain, context), this.context);
    }
}
