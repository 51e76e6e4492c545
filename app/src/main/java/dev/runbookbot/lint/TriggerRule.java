package dev.runbookbot.lint;

import dev.runbookbot.runbook.LabelMatcher;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.TriggerSpec;
import dev.runbookbot.runbook.TriggerType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Each trigger carries what its type needs: an alert trigger its {@code alertName}, a metric threshold its query,
 * threshold and a comparison operator. Matchers only make sense on alerts; a regular expression after {@code =~} or
 * {@code !~} must compile as RE2 (see {@link LabelMatcher}), and a plain value that looks like one gets a warning.
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
            if (trigger.type() == TriggerType.ALERT
                    || trigger.pagerdutyService().isPresent()) {
                for (LabelMatcher matcher : trigger.labelMatchers()) {
                    String at = Findings.child(Findings.child(path, "matchers"), matcher.label());
                    if (matcher.syntaxError().isPresent()) {
                        f.errorAt(
                                at,
                                matcher.errorOffset(),
                                "matcher on label '" + matcher.label() + "': "
                                        + matcher.syntaxError().get(),
                                "matchers take RE2 regular expressions, as Alertmanager does; they are anchored at"
                                        + " both ends");
                    } else if (matcher.kind() == LabelMatcher.Kind.EQUALS
                            && REGEX_LOOKING.matcher(matcher.value()).find()) {
                        f.warning(
                                at,
                                "matcher values are compared exactly: '" + matcher.value() + "' matches only a "
                                        + matcher.label() + " label whose value is literally that, not as a regular"
                                        + " expression",
                                "write '=~" + matcher.value() + "' to match it as a regular expression, or the"
                                        + " exact value");
                    }
                }
            }
            if (trigger.type() != TriggerType.ALERT
                    && trigger.pagerdutyService().isEmpty()
                    && !trigger.matchers().isEmpty()) {
                f.error(
                        Findings.child(path, "matchers"),
                        "'matchers' only apply to alert triggers",
                        "match labels of an alert with type: alert");
            }
        }
    }
}
