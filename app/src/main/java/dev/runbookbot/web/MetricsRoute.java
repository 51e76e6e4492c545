package dev.runbookbot.web;

import dev.runbookbot.telemetry.Metrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /metrics}: the {@link Metrics} registry in the Prometheus text exposition format. */
final class MetricsRoute implements Handler {
    private final Metrics metrics;

    MetricsRoute(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        ctx.status(200).contentType(metrics.contentType()).result(metrics.scrape());
    }
}
