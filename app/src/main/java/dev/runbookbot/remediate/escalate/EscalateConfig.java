package dev.runbookbot.remediate.escalate;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config} of an {@code escalate} action, every key optional:
 *
 * <ul>
 *   <li>{@code severity}: {@code critical} (default), {@code error}, {@code warning} or {@code info};
 *   <li>{@code summary}: the page's one line, a template over params, labels and annotations (plain text, at most
 *       1,024 characters once rendered); by default the remediation's id and the environment;
 *   <li>{@code component}: the affected component shown in PagerDuty (plain text);
 *   <li>{@code routingKeySecret}: the secret holding another PagerDuty integration's routing key than the bot's.
 * </ul>
 */
record EscalateConfig(
        String severity, Optional<Template> summary, Optional<String> component, Optional<String> routingKeySecret) {
    static final Set<String> KEYS = Set.of("severity", "summary", "component", "routingKeySecret");
    static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

    /** Parses {@code config}, adding every problem to {@code problems}; empty when there was one. */
    static Optional<EscalateConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "'; escalate takes component, routingKeySecret, severity, summary"));
            }
        }
        String severity = config.string("severity").map(String::trim).orElse("critical");
        if (!SEVERITIES.contains(severity)) {
            problems.add(new ConfigProblem(
                    config.pathOf("severity"),
                    "severity '" + severity + "' is not one of " + String.join(", ", SEVERITIES),
                    "PagerDuty's Events API takes these four"));
        }
        Optional<Template> summary = Optional.empty();
        Optional<String> summaryText = config.string("summary").filter(s -> !s.isBlank());
        if (summaryText.isPresent()) {
            try {
                Template template = Template.parse(summaryText.get());
                template.checkPlacement(TemplateSink.TEXT);
                summary = Optional.of(template);
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(config.pathOf("summary"), e.getMessage()));
            }
        }
        Optional<String> component = text(config, "component", problems);
        Optional<String> routingKeySecret = text(config, "routingKeySecret", problems);
        routingKeySecret
                .filter(Template::isTemplated)
                .ifPresent(name -> problems.add(new ConfigProblem(
                        config.pathOf("routingKeySecret"), "a secret name is written out, never templated")));
        component
                .filter(Template::isTemplated)
                .ifPresent(name -> problems.add(new ConfigProblem(
                        config.pathOf("component"), "component is plain text; templates belong in summary")));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new EscalateConfig(severity, summary, component, routingKeySecret));
    }

    private static Optional<String> text(StepConfig config, String key, List<ConfigProblem> problems) {
        if (config.get(key).isPresent() && config.string(key).isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf(key), key + " must be a single value"));
            return Optional.empty();
        }
        return config.string(key).map(String::trim).filter(s -> !s.isEmpty());
    }
}
