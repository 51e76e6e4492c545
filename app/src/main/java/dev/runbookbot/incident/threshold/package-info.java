/**
 * Threshold triggers: the {@link dev.runbookbot.incident.threshold.ThresholdWatcher} evaluates the runbooks' {@code
 * metric_threshold} triggers on a timer through a {@link dev.runbookbot.diagnose.MetricSource} (Prometheus
 * implements it) and opens an incident, through the incident service, when a reading stays over its threshold for the
 * trigger's duration ({@link dev.runbookbot.incident.threshold.ThresholdSettings}).
 */
package dev.runbookbot.incident.threshold;
