package dev.runbookbot.telemetry;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.diagnose.RunListener;

/**
 * Records every finished diagnostic in {@code runbook_diagnostic_duration_seconds{type,outcome}}: the diagnostic type
 * ({@code prometheus_query}, ...) and how it read ({@code healthy}, {@code warning}, {@code critical}, {@code unknown},
 * or {@code failed} when it could not run). Both labels come from fixed sets, never from a runbook or an alert.
 * Quick and thread-safe, as a {@link RunListener} must be.
 */
public final class MetricsRunListener implements RunListener {
    private final Metrics metrics;

    public MetricsRunListener(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void diagnosticFinished(DiagnosticResult result) {
        String outcome = result.status() == DiagnosticStatus.ERROR
                ? "failed"
                : result.status().label();
        metrics.diagnosticFinished(result.type().yamlName(), outcome, result.duration());
    }
}
