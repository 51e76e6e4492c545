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
import java.util.function.Function;

/**
 * The config keys every Kubernetes action reads the same way: an object's name (a literal checked against its RFC 1123
 * rule where the runbook is loaded, or a template checked once rendered; a value that breaks the rule is refused,
 * never escaped) and the kubeconfig {@code context}, which is never templated: alert data must not choose the cluster.
 */
final class NameTemplates {
    private NameTemplates() {}

    /**
     * The name under {@code key}, parsed as a template; a problem when it is missing, not one name, or a literal that
     * breaks {@code rule}. {@code what} names it in messages ({@code "StatefulSet name"}).
     */
    static Optional<Template> parse(
            StepConfig config,
            String key,
            String what,
            String example,
            Function<String, Optional<String>> rule,
            List<ConfigProblem> problems) {
        Optional<String> text = config.string(key).filter(s -> !s.isBlank());
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(
                    config.pathOf(key),
                    config.get(key).isPresent() ? key + " must be a single name" : key + " is required",
                    "for example " + key + ": " + example));
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

    /** The optional literal {@code context}; a problem when it is blank or templated. */
    static Optional<String> context(StepConfig config, List<ConfigProblem> problems) {
        if (config.get("context").isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = config.string("context").filter(s -> !s.isBlank());
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf("context"), "context must be a kubeconfig context name"));
            return Optional.empty();
        }
        if (Template.isTemplated(text.get())) {
            problems.add(new ConfigProblem(
                    config.pathOf("context"),
                    "context cannot be a template: alert data must never choose the cluster",
                    "name the context literally, or write one remediation per cluster"));
            return Optional.empty();
        }
        return text;
    }

    /** Renders a name for one run and checks it against {@code rule}. */
    static String render(
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
