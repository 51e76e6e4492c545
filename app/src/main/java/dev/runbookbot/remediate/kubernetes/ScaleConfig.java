package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config of {@code scale_up}: the target workload (a Deployment or a StatefulSet; a DaemonSet has no replica count
 * and is refused) plus either {@code replicas: N} (scale to N) or {@code step: N}
 * (add N to the current count). {@code max_replicas} is an upper bound the action refuses to exceed; it is required
 * with {@code step} and with a templated {@code replicas}, and it is always a literal number, because a bound that
 * alert data could set would be no bound. {@code scale_up} never scales down.
 */
public record ScaleConfig(
        WorkloadConfig target, Optional<Template> replicas, Optional<Template> step, OptionalInt maxReplicas) {
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(WorkloadConfig.KEYS);
        keys.remove(WorkloadKind.DAEMONSET.key());
        keys.addAll(Set.of("replicas", "step", "max_replicas"));
        KEYS = Set.copyOf(keys);
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    /** Parses {@code config}, adding every problem to {@code problems}; empty when there was one. */
    public static Optional<ScaleConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        Optional<WorkloadConfig> target = WorkloadConfig.parse(
                config,
                KEYS,
                "scale_up",
                problems,
                Map.of(
                        WorkloadKind.DAEMONSET,
                        "it runs one pod per eligible node and has no replica count; restart it, or fix the nodes"));
        Optional<Template> replicas = count(config, "replicas", problems);
        Optional<Template> step = count(config, "step", problems);
        OptionalInt max = OptionalInt.empty();
        if (config.get("max_replicas").isPresent()) {
            Optional<String> text = config.string("max_replicas");
            if (text.isPresent() && DIGITS.matcher(text.get()).matches() && Integer.parseInt(text.get()) >= 1) {
                max = OptionalInt.of(Integer.parseInt(text.get()));
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("max_replicas"),
                        "max_replicas must be a whole number of at least 1, written literally (not a template)"));
            }
        }
        boolean hasReplicas = config.get("replicas").isPresent();
        boolean hasStep = config.get("step").isPresent();
        if (hasReplicas == hasStep) {
            problems.add(new ConfigProblem(
                    config.path(),
                    hasReplicas ? "give either replicas or step, not both" : "scale_up needs replicas or step",
                    "replicas: 6 scales to 6; step: 2 with max_replicas: 10 adds 2, up to 10"));
        }
        if (hasStep && config.get("max_replicas").isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf("max_replicas"),
                    "max_replicas is required with step: scaling by a step needs an upper bound"));
        }
        if (replicas.isPresent()
                && !replicas.get().variables().isEmpty()
                && config.get("max_replicas").isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf("max_replicas"),
                    "max_replicas is required when replicas is a template: the rendered value needs an upper bound"));
        }
        if (replicas.isPresent() && replicas.get().variables().isEmpty() && max.isPresent()) {
            int literal = Integer.parseInt(replicas.get().source());
            if (literal > max.getAsInt()) {
                problems.add(new ConfigProblem(
                        config.pathOf("replicas"), "replicas " + literal + " is above max_replicas " + max.getAsInt()));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ScaleConfig(target.orElseThrow(), replicas, step, max));
    }

    private static Optional<Template> count(StepConfig config, String key, List<ConfigProblem> problems) {
        if (config.get(key).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = config.string(key).map(String::trim);
        if (text.isEmpty() || text.get().isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf(key), key + " must be a whole number or a template"));
            return Optional.empty();
        }
        try {
            Template template = Template.parse(text.get());
            if (template.variables().isEmpty()
                    && (!DIGITS.matcher(text.get()).matches() || Integer.parseInt(text.get()) < 1)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        key + " must be a whole number of at least 1, not " + Dns1123.quote(text.get())));
                return Optional.empty();
            }
            return Optional.of(template);
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(config.pathOf(key), e.getMessage()));
            return Optional.empty();
        }
    }

    /** The replica change for a Deployment that has {@code current} replicas now. */
    public ReplicaChange decide(int current, TemplateContext context) throws ActionException {
        int wanted;
        String refusal;
        if (replicas.isPresent()) {
            wanted = render(replicas.get(), "replicas", context);
            refusal = "scaling to " + wanted + " replicas is";
        } else {
            int by = render(step.orElseThrow(), "step", context);
            wanted = (int) Math.min(Integer.MAX_VALUE, (long) current + by);
            refusal = "scaling by " + by + " from " + current + " replicas would reach " + wanted + ",";
        }
        if (maxReplicas.isPresent() && wanted > maxReplicas.getAsInt()) {
            return new ReplicaChange.Refused(
                    "refused: " + refusal + " above max_replicas " + maxReplicas.getAsInt() + "; nothing was changed");
        }
        if (wanted < current) {
            return new ReplicaChange.Refused("refused: the Deployment already runs " + current
                    + " replicas, more than the requested " + wanted
                    + "; scale_up never scales down, nothing was changed");
        }
        if (wanted == current) {
            return new ReplicaChange.Unchanged(current);
        }
        return new ReplicaChange.Scale(current, wanted);
    }

    /** {@code --replicas=...} as the preview shows it, without reading the cluster. */
    public String replicasArgument(TemplateContext context) throws ActionException {
        String bound = maxReplicas.isPresent() ? " (refused above " + maxReplicas.getAsInt() + ")" : "";
        if (replicas.isPresent()) {
            return "--replicas=" + render(replicas.get(), "replicas", context) + bound;
        }
        return "--replicas=<current + " + render(step.orElseThrow(), "step", context) + ">" + bound;
    }

    private static int render(Template template, String key, TemplateContext context) throws ActionException {
        String value;
        try {
            value = template.render(context, TemplateSink.ARGV).text().trim();
        } catch (TemplateException e) {
            throw new ActionException(key + " " + template.source() + ": " + e.getMessage());
        }
        if (!DIGITS.matcher(value).matches() || Integer.parseInt(value) < 1) {
            throw new ActionException(key + " " + template.source() + " rendered to " + Dns1123.quote(value)
                    + ", which is not a whole number of at least 1");
        }
        return Integer.parseInt(value);
    }
}
