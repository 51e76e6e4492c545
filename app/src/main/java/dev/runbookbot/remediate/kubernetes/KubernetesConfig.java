package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which Deployment a Kubernetes action acts on: {@code deployment} and {@code namespace} (literal names or templates
 * such as {@code {{ labels.namespace }}}, checked as RFC 1123 names once rendered) and an optional kubeconfig
 * {@code context} naming the cluster. The context is never templated: alert data must not choose the cluster.
 */
public record KubernetesConfig(Template deployment, Template namespace, Optional<String> context) {
    /** The keys every Kubernetes action takes. */
    public static final Set<String> KEYS = Set.of("deployment", "namespace", "context");

    /**
     * Parses the target keys of {@code config}, adding every problem to {@code problems}; empty when there was one.
     * {@code allowedKeys} is the full key set of the action, for the unknown-key check.
     */
    public static Optional<KubernetesConfig> parse(
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
        Optional<Template> deployment =
                name(config, "deployment", "Deployment name", Dns1123::checkSubdomain, problems);
        Optional<Template> namespace = name(config, "namespace", "namespace", Dns1123::checkLabel, problems);
        Optional<String> context = Optional.empty();
        if (config.get("context").isPresent()) {
            Optional<String> text = config.string("context").filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                problems.add(new ConfigProblem(config.pathOf("context"), "context must be a kubeconfig context name"));
            } else if (Template.isTemplated(text.get())) {
                problems.add(new ConfigProblem(
                        config.pathOf("context"),
                        "context cannot be a template: alert data must never choose the cluster",
                        "name the context literally, or write one remediation per cluster"));
            } else {
                context = text;
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesConfig(deployment.orElseThrow(), namespace.orElseThrow(), context));
    }

    private static Optional<Template> name(
            StepConfig config,
            String key,
            String what,
            Function<String, Optional<String>> rule,
            List<ConfigProblem> problems) {
        Optional<String> text = config.string(key).filter(s -> !s.isBlank());
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf(key),
                    config.get(key).isPresent() ? key + " must be a single name" : key + " is required",
                    "for example " + key + ": " + (key.equals("namespace") ? "production" : "payment-service")));
            return Optional.empty();
        }
        try {
            Template template = Template.parse(text.get());
            if (template.variables().isEmpty()) {
                Optional<String> broken = rule.apply(text.get());
                if (broken.isPresent()) {
                    problems.add(new ConfigProblem(
                            config.pathOf(key),
                            Dns1123.quote(text.get()) + " is not a valid Kubernetes " + what + ": it must be "
                                    + broken.get()));
                    return Optional.empty();
                }
            }
            return Optional.of(template);
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(config.pathOf(key), e.getMessage()));
            return Optional.empty();
        }
    }

    /** Renders the names for one run and checks them; a value that is not a valid name is refused, never escaped. */
    public DeploymentTarget render(TemplateContext context) throws ActionException {
        String ns = render(namespace, "namespace", "namespace", Dns1123::checkLabel, context);
        String name = render(deployment, "deployment", "Deployment name", Dns1123::checkSubdomain, context);
        return new DeploymentTarget(ns, name, this.context);
    }

    private static String render(
            Template template,
            String key,
            String what,
            Function<String, Optional<String>> rule,
            TemplateContext context)
            throws ActionException {
        String value;
        try {
            // ARGV inserts the value unchanged (only NUL is refused): the name rule below is the real check.
            value = template.render(context, TemplateSink.ARGV).text();
        } catch (TemplateException e) {
            throw new ActionException(key + " " + template.source() + ": " + e.getMessage());
        }
        Optional<String> broken = rule.apply(value);
        if (broken.isPresent()) {
            throw new ActionException(key + " " + template.source() + " rendered to " + Dns1123.quote(value)
                    + ", which is not a valid Kubernetes " + what + ": it must be " + broken.get());
        }
        return value;
    }
}
