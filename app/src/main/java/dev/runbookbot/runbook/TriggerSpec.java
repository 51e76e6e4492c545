package dev.runbookbot.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way a runbook is started. For {@link TriggerType#ALERT}: {@code alertName} plus optional label
 * {@code matchers} that must all hold: an exact value, or {@code =~regex} / {@code !~regex} (see {@link LabelMatcher}). For {@link TriggerType#METRIC_THRESHOLD}: {@code metricQuery}
 * (PromQL) compared with {@code threshold} using {@code operator} (default {@code >}). {@code pagerdutyService} maps
 * PagerDuty incidents (by service id or name) to this runbook.
 */
public record TriggerSpec(
        TriggerType type,
        Optional<String> alertName,
        Map<String, String> matchers,
        Optional<String> metricQuery,
        Optional<Double> threshold,
        String operator,
        Optional<String> pagerdutyService,
        SourceLocation location) {
    public TriggerSpec {
        matchers = Map.copyOf(matchers);
        operator = operator == null || operator.isBlank() ? ">" : operator;
    }

    /** The {@code matchers} read as Alertmanager reads them, in label order. */
    public List<LabelMatcher> labelMatchers() {
        return matchers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> LabelMatcher.parse(e.getKey(), e.getValue()))
                .toList();
    }
}
