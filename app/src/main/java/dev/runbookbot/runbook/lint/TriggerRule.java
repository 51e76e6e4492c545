package dev.runbookbot.runbook.lint;

import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Each trigger carries what its type needs: an alert trigger its {@code alertName}, a metric threshold its query,
 * threshold and a comparison operator. Matchers only make sense on alerts.
 */
final class TriggerRule implements RunbookRule {
    static final List<String> OPERATORS = List.of(">", ">=", "<", "<=", "==", "!=");

    /** What a regular expression has and a label value rarely does: {@code .*}, {@code .+}, alternation, anchors. */
    private static final Pattern REGEX_LOOKING = Pattern.compile("\\.[*+]|[|^$]|\\[[^\\]]*\\]|\\\\[dws.]");

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (TriggerSpec trigger : runbook.triggers()) {
            if (trigger.type() == null) {
                continue;
            }
            String path = f.pathOf(trigger);
            if (trigger.type() == TriggerType.ALERT
                    && trigger.alertName().filter(s -> !s.isBlank()).isEmpty()) {
                f.error(path, "an alert trigger needs 'alertName'", "the alertname label of the Prometheus alert");
            }
            if (trigger.type() == TriggerType.METRIC_THRESHOLD) {
                if (trigger.metricQuery().filter(s -> !s.isBlank()).isEmpty()) {
                    f.error(path, "a metric_threshold trigger needs 'metricQuery'", "the PromQL query to watch");
                }
                if (trigger.threshold().isEmpty()) {
                    f.error(path, "a metric_threshold trigger needs 'threshold'", "the value that fires it");
                }
                if (!OPERATORS.contains(trigger.operator())) {
                    f.error(
                            Findings.child(path, "operator"),
                            "'operator' must be one of " + String.join(", ", OPERATORS) + "; found '"
                                    + trigger.operator() + "'",
                            "");
                }
            }
            if (trigger.type() == TriggerType.ALERT) {
                trigger.matchers().forEach((label, value) -> {
                    if (REGEX_LOOKING.matcher(value).find()) {
                        f.warning(
                                Findings.child(Findings.child(path, "matchers"), label),
                                "matcher values are compared exactly: '" + value + "' matches only a " + label
                                        + " label whose value is literally that, not as a regular expression",
                                "write the exact value, or one trigger per value");
                    }
                });
            }
            if (trigger.type() != TriggerType.ALERT && !trigger.matchers().isEmpty()) {
                f.error(
                        Findings.child(path, "matchers"),
                        "'matchers' only apply to alert triggers",
                        "match labels of an alert with type: alert");
            }
        }
    }
}
