package dev.runbookbot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final Metrics metrics = new Metrics();

    private List<String> lines() {
        return List.of(new String(metrics.scrape(), StandardCharsets.UTF_8).split("\n"));
    }

    private void assertLine(String expected) {
        assertTrue(lines().contains(expected), () -> "no line '" + expected + "' in:\n" + String.join("\n", lines()));
    }

    @Test
    void stepsExecutedCarryServiceActionAndResult() {
        metrics.stepExecuted("payments", "restart_deployment", "succeeded");
        metrics.stepExecuted("payments", "restart_deployment", "succeeded");
        metrics.stepExecuted("payments", "flush_cache", "failed");
        assertLine("# TYPE runbook_steps_executed_total counter");
        assertLine(
                "runbook_steps_executed_total{action=\"restart_deployment\",result=\"succeeded\",service=\"payments\"}"
                        + " 2.0");
        assertLine("runbook_steps_executed_total{action=\"flush_cache\",result=\"failed\",service=\"payments\"} 1.0");
    }

    @Test
    void diagnosticDurationsAreAClassicHistogramInSeconds() {
        metrics.diagnosticFinished("prometheus_query", "healthy", Duration.ofMillis(300));
        metrics.diagnosticFinished("prometheus_query", "healthy", Duration.ofSeconds(3));
        assertLine("# TYPE runbook_diagnostic_duration_seconds histogram");
        assertLine(
                "runbook_diagnostic_duration_seconds_bucket{outcome=\"healthy\",type=\"prometheus_query\",le=\"0.25\"}"
                        + " 0");
        assertLine(
                "runbook_diagnostic_duration_seconds_bucket{outcome=\"healthy\",type=\"prometheus_query\",le=\"0.5\"}"
                        + " 1");
        assertLine(
                "runbook_diagnostic_duration_seconds_bucket{outcome=\"healthy\",type=\"prometheus_query\",le=\"5.0\"}"
                        + " 2");
        assertLine(
                "runbook_diagnostic_duration_seconds_bucket{outcome=\"healthy\",type=\"prometheus_query\",le=\"+Inf\"}"
                        + " 2");
        assertLine("runbook_diagnostic_duration_seconds_count{outcome=\"healthy\",type=\"prometheus_query\"} 2");
        assertLine("runbook_diagnostic_duration_seconds_sum{outcome=\"healthy\",type=\"prometheus_query\"} 3.3");
    }

    @Test
    void openIncidentsIsAGauge() {
        assertLine("runbook_incidents_open 0.0");
        metrics.incidentsOpen(3);
        assertLine("# TYPE runbook_incidents_open gauge");
        assertLine("runbook_incidents_open 3.0");
    }

    @Test
    void webhooksAndSlackErrorsAreCounted() {
        metrics.webhookReceived("alertmanager", "accepted");
        metrics.webhookRefused("pagerduty", "bad_signature");
        metrics.slackApiError("chat.postMessage", "ratelimited");
        assertLine("runbook_webhooks_received_total{outcome=\"accepted\",source=\"alertmanager\"} 1.0");
        assertLine("runbook_webhooks_refused_total{reason=\"bad_signature\",source=\"pagerduty\"} 1.0");
        assertLine("runbook_slack_api_errors_total{error=\"ratelimited\",method=\"chat.postMessage\"} 1.0");
    }

    @Test
    void labelValuesAreEscapedByTheTextFormat() {
        metrics.slackApiError("chat.update", "odd \"quoted\"\nvalue");
        assertLine("runbook_slack_api_errors_total{error=\"odd \\\"quoted\\\"\\nvalue\",method=\"chat.update\"} 1.0");
    }

    @Test
    void eachInstanceHasItsOwnRegistry() {
        new Metrics().webhookReceived("alertmanager", "accepted");
        assertEquals(
                0,
                lines().stream()
                        .filter(l -> l.startsWith("runbook_webhooks_received_total{"))
                        .count());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
    }
}
