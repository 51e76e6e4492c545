package dev.runbookbot.incident.threshold;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bot watches {@code metric_threshold} triggers: every {@code interval} it runs each trigger's query with at
 * most {@code queryTimeout}; an open threshold incident resolves after {@code clearEvaluations} evaluations in a row
 * found the value back on the right side of the threshold (one evaluation would close and reopen an incident each time
 * a value wobbles around its threshold).
 */
public record ThresholdSettings(Duration interval, Duration queryTimeout, int clearEvaluations) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CLEAR_EVALUATIONS = 2;

    public ThresholdSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the threshold interval must be at least 1s, not " + interval);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero() || queryTimeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("the threshold query timeout must be positive and at most the interval ("
                    + interval + "), not " + queryTimeout);
        }
        if (clearEvaluations < 1) {
            throw new IllegalArgumentException(
                    "an incident resolves after at least 1 clear evaluation, not " + clearEvaluations);
        }
    }

    public static ThresholdSettings defaults() {
        return new ThresholdSettings(DEFAULT_INTERVAL, DEFAULT_QUERY_TIMEOUT, DEFAULT_CLEAR_EVALUATIONS);
    }
}
