package dev.runbookbot.diagnose;

import java.time.Duration;

/**
 * Reads a metric for the bot's own {@code metric_threshold} triggers: one instant query (PromQL) against the bot's
 * Prometheus. Never throws for a failing server or query: {@link MetricReading.Unavailable} says why. Blocks for at
 * most {@code timeout}. Thread-safe.
 */
public interface MetricSource {
    MetricReading read(String query, Duration timeout);
}
