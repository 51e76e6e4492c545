package dev.runbookbot.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The bot's metrics, in a registry of their own (never the Prometheus client's global one), exposed on {@code GET
 * /metrics} in the Prometheus text format:
 *
 * <ul>
 *   <li>{@code runbook_steps_executed_total{service,action,result}}: remediation steps run (the runbook-bots
 *       article's metric); {@code result} is the step's outcome ({@code succeeded}, {@code failed}, {@code
 *       timed_out}, ...);
 *   <li>{@code runbook_diagnostic_duration_seconds{type,outcome}}: histogram of diagnostic durations per diagnostic
 *       type ({@code prometheus_query}, ...) and outcome ({@code healthy}, {@code warning}, {@code critical}, {@code
 *       failed});
 *   <li>{@code runbook_incidents_open}: incidents currently open;
 *   <li>{@code runbook_webhooks_received_total{source,outcome}}: webhook deliveries that were authenticated and read,
 *       by what the intake answered ({@code accepted}, {@code duplicate}, {@code busy}, {@code error});
 *   <li>{@code runbook_webhooks_refused_total{source,reason}}: deliveries refused with a 4xx ({@code unauthorized},
 *       {@code bad_signature}, {@code too_large}, {@code malformed}, {@code stale});
 *   <li>{@code runbook_slack_api_errors_total{method,error}}: Slack Web API calls that failed, by method and Slack's
 *       error code ({@code ratelimited}, {@code channel_not_found}, ...).
 * </ul>
 *
 * <p>Label values must come from small fixed sets (never an alert label, a user or a message): each distinct value is
 * a new time series. Thread-safe; the recording methods are cheap enough for any thread.
 */
public final class Metrics {
    private static final double[] DIAGNOSTIC_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter stepsExecuted;
    private final Histogram diagnosticDuration;
    private final Gauge incidentsOpen;
    private final Counter webhooksReceived;
    private final Counter webhooksRefused;
    private final Counter slackApiErrors;
    private final Counter catalogReloads;

    public Metrics() {
        stepsExecuted = Counter.builder()
                .name("runbook_steps_executed_total")
                .help("Remediation steps executed, by service, action and result")
                .labelNames("service", "action", "result")
                .register(registry);
        diagnosticDuration = Histogram.builder()
                .name("runbook_diagnostic_duration_seconds")
                .help("How long diagnostics took, by diagnostic type and outcome")
                .labelNames("type", "outcome")
                .classicOnly()
                .classicUpperBounds(DIAGNOSTIC_SECONDS)
                .register(registry);
        incidentsOpen = Gauge.builder()
                .name("runbook_incidents_open")
                .help("Incidents currently open")
                .register(registry);
        webhooksReceived = Counter.builder()
                .name("runbook_webhooks_received_total")
                .help("Webhook deliveries authenticated and read, by source and intake outcome")
                .labelNames("source", "outcome")
                .register(registry);
        webhooksRefused = Counter.builder()
                .name("runbook_webhooks_refused_total")
                .help("Webhook deliveries refused with a 4xx, by source and reason")
                .labelNames("source", "reason")
                .register(registry);
        slackApiErrors = Counter.builder()
                .name("runbook_slack_api_errors_total")
                .help("Slack Web API calls that failed, by method and Slack error code")
                .labelNames("method", "error")
                .register(registry);
        catalogReloads = Counter.builder()
                .name("runbook_catalog_reloads_total")
                .help("Loads of the runbook directory, at start and after, by result (ok, invalid, failed)")
                .labelNames("result")
                .register(registry);
    }

    public void stepExecuted(String service, String action, String result) {
        stepsExecuted.labelValues(service, action, result).inc();
    }

    public void diagnosticFinished(String type, String outcome, Duration took) {
        diagnosticDuration.labelValues(type, outcome).observe(took.toNanos() / 1e9);
    }

    public void incidentsOpen(long open) {
        incidentsOpen.set(open);
    }

    public void webhookReceived(String source, String outcome) {
        webhooksReceived.labelValues(source, outcome).inc();
    }

    public void webhookRefused(String source, String reason) {
        webhooksRefused.labelValues(source, reason).inc();
    }

    public void slackApiError(String method, String error) {
        slackApiErrors.labelValues(method, error).inc();
    }

    public void catalogReloaded(String result) {
        catalogReloads.labelValues(result).inc();
    }

    /** The {@code Content-Type} of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric, in the Prometheus text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics to memory failed", e);
        }
        return out.toByteArray();
    }
}
