package dev.runbookbot.runtime;

import dev.runbookbot.config.AlertingSettings;
import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.config.SettingsException;
import dev.runbookbot.diagnose.MetricReading;
import dev.runbookbot.diagnose.MetricSource;
import dev.runbookbot.diagnose.prometheus.PrometheusMetricSource;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.escalation.EscalationReport;
import dev.runbookbot.incident.escalation.EscalationTimer;
import dev.runbookbot.incident.escalation.IncidentEscalator;
import dev.runbookbot.incident.intake.AlertIntake;
import dev.runbookbot.incident.intake.AlertLedger;
import dev.runbookbot.incident.intake.AlertRouter;
import dev.runbookbot.incident.intake.DurableAlertIntake;
import dev.runbookbot.incident.threshold.ThresholdWatcher;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.Escalator;
import dev.runbookbot.remediate.Pager;
import dev.runbookbot.remediate.escalate.PagerDutyEventsPager;
import dev.runbookbot.replica.BackgroundDuty;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.web.ReadinessCheck;
import dev.runbookbot.web.StoredDeliveryDecoder;
import dev.runbookbot.web.WebServer;
import dev.runbookbot.web.WebSettings;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the half of the bot that starts incidents by itself: the web server with the webhooks, the durable alert
 * intake and its router, the escalation timer, the threshold watcher, and the timers that sweep unprocessed deliveries
 * and refresh the open-incidents gauge. {@link #escalator} is built first, on its own, because the remediation pipeline
 * escalates through it before the incident service exists. Owns its threads ({@code alert-worker-*}, {@code
 * escalation-timer}, {@code alert-timers}) and the web server: {@link #close()} stops them, the web server first, so
 * no delivery is accepted that cannot be routed.
 */
public final class AlertingAssembly implements AutoCloseable {
    /** How often recorded but unprocessed deliveries are looked for. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    /** How often the open-incidents gauge is refreshed. */
    static final Duration GAUGE_EVERY = Duration.ofSeconds(5);
    /** Events that may wait for routing before deliveries are left to the sweep. */
    static final int MAX_QUEUED_EVENTS = 10_000;
    /**
     * The serial lanes alerts are spread over by group key (or dedup key). Only the workers bound how many run at once; a
     * lane per four workers made unrelated groups share a lane (one in eight alerts waited for another group's whole
     * routing, some 100 ms, in the latency bench), so there are many more lanes than workers: a lane is a small queue.
     */
    static final int ALERT_LANES = 256;

    private static final Logger log = LoggerFactory.getLogger(AlertingAssembly.class);

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor escalationThread;
    private final ScheduledThreadPoolExecutor timers;
    private final DurableAlertIntake intake;
    private final EscalationTimer escalations;
    private final ThresholdWatcher thresholds;
    private final WebServer web;
    private final IncidentStore store;
    private final Metrics metrics;
    private final Duration thresholdInterval;
    /** Whether this replica does the background work (sweeps, timers); set by {@link #start(BackgroundDuty)}. */
    private volatile BackgroundDuty duty = BackgroundDuty.ALWAYS;

    /**
     * The incident escalator: PagerDuty paging when {@code pagerduty.routingKeySecret} is set, channel messages always.
     */
    public static IncidentEscalator escalator(
            Settings settings,
            Catalog catalog,
            IncidentStore store,
            ChatGateway chat,
            OkHttpClient http,
            SecretResolver secrets,
            Clock clock) {
        Optional<Pager> pager =
                settings.alerting().paging().map(paging -> new PagerDutyEventsPager(http, paging, secrets));
        return new IncidentEscalator(catalog, store, chat, pager, clock);
    }

    /** The remediation pipeline's {@link Escalator}: an {@code escalate} step goes through the incident escalator. */
    public static Escalator remediationEscalator(IncidentEscalator escalator) {
        return (target, runbook, remediation, actor) -> {
            EscalationReport report =
                    escalator.escalate(target.incidentId(), runbook, actor, "runbook step " + remediation.id());
            return report.reached()
                    ? new ActionOutcome.Completed(report.summary())
                    : new ActionOutcome.Failed(report.summary(), "");
        };
    }

    public AlertingAssembly(
            Settings settings,
            Catalog catalog,
            IncidentStore store,
            AlertLedger ledger,
            IncidentService incidents,
            ChatGateway chat,
            IncidentEscalator escalator,
            Metrics metrics,
            List<ReadinessCheck> readiness,
            OkHttpClient http,
            SecretResolver secrets,
            Clock clock) {
        this(
                settings, catalog, store, ledger, incidents, chat, escalator, metrics, readiness, http, secrets, clock,
                List.of());
    }

    /** As above, with further pages on the web server (the local workspace of {@code runbookctl bot --local}). */
    public AlertingAssembly(
            Settings settings,
            Catalog catalog,
            IncidentStore store,
            AlertLedger ledger,
            IncidentService incidents,
            ChatGateway chat,
            IncidentEscalator escalator,
            Metrics metrics,
            List<ReadinessCheck> readiness,
            OkHttpClient http,
            SecretResolver secrets,
            Clock clock,
            List<Consumer<RoutesConfig>> pages) {
        AlertingSettings alerting = settings.alerting();
        WebSettings webSettings = webSettings(alerting, secrets);
        this.store = store;
        this.metrics = metrics;
        this.thresholdInterval = alerting.thresholds().interval();
        this.workers = new ThreadPoolExecutor(
                alerting.workers(),
                alerting.workers(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamedThreads("alert-worker"));
        this.escalationThread = scheduled("escalation-timer");
        this.timers = scheduled("alert-timers");
        this.escalations = new EscalationTimer(
                store, escalator, escalationThread, clock, alerting.escalationCheckEvery(), () -> duty.onDuty());
        AlertRouter router = new AlertRouter(
                catalog, incidents, store, store, ledger, chat, alerting.routing(), escalations::incidentOpened);
        this.intake = new DurableAlertIntake(
                store, new StoredDeliveryDecoder(), router, workers, ALERT_LANES, MAX_QUEUED_EVENTS);
        this.thresholds = new ThresholdWatcher(
                catalog,
                settings.prometheus()
                        .<MetricSource>map(prometheus -> new PrometheusMetricSource(http, prometheus, secrets))
                        .orElse((query, timeout) ->
                                new MetricReading.Unavailable("no Prometheus is configured (PROMETHEUS_URL)")),
                incidents,
                store,
                alerting.routing(),
                alerting.thresholds(),
                escalations::incidentOpened,
                clock);
        this.web = new WebServer(webSettings, intake, readiness, metrics, clock, pages);
    }

    /**
     * Routes what was acknowledged but not processed before this start, escalates what fell due while the bot was down,
     * starts the timers, then opens the web server.
     */
    public AlertingAssembly start() {
        return start(BackgroundDuty.ALWAYS);
    }

    /**
     * As {@link #start()} on one of several replicas: the sweeps, the escalations and the threshold watch run only while
     * {@code onDuty} (docs/scaling.md); webhooks are taken by every replica.
     */
    public AlertingAssembly start(BackgroundDuty onDuty) {
        this.duty = onDuty;
        if (onDuty.onDuty()) {
            intake.start();
        }
        escalations.start();
        timers.scheduleWithFixedDelay(
                onDuty.whileOnDuty(this::sweep), SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::refreshGauge, 0, GAUGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        if (thresholds.hasTriggers()) {
            timers.scheduleWithFixedDelay(
                    onDuty.whileOnDuty(this::evaluateThresholds),
                    thresholdInterval.toMillis(),
                    thresholdInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        web.start();
        return this;
    }

    /** The webhooks' intake (for tests that post without HTTP). */
    public AlertIntake intake() {
        return intake;
    }

    /** The bound port of the web server. */
    public int webPort() {
        return web.port();
    }

    @Override
    public void close() {
        web.close();
        intake.close();
        escalations.close();
        timers.shutdownNow();
        escalationThread.shutdownNow();
        drain(workers, Duration.ofSeconds(5));
    }

    private void sweep() {
        try {
            intake.sweep();
        } catch (RuntimeException e) {
            log.warn("the sweep of unprocessed alert deliveries failed; it runs again in {}", SWEEP_EVERY, e);
        }
    }

    private void refreshGauge() {
        try {
            metrics.incidentsOpen(store.incidents(true, Integer.MAX_VALUE).size());
        } catch (RuntimeException e) {
            log.debug("could not count open incidents for the gauge", e);
        }
    }

    private void evaluateThresholds() {
        try {
            thresholds.evaluateAll().forEach(line -> log.debug("threshold {}", line));
        } catch (RuntimeException e) {
            log.warn("evaluating threshold triggers failed; they are evaluated again in {}", thresholdInterval, e);
        }
    }

    /** The web server's settings, with the credentials resolved from their secret names. */
    static WebSettings webSettings(AlertingSettings alerting, SecretResolver secrets) {
        WebSettings web = WebSettings.defaults()
                .withBind(alerting.bindAddress(), alerting.port())
                .withMaxBodyBytes(alerting.maxBodyBytes());
        if (alerting.alertmanagerTokenSecret().isPresent()) {
            web = web.withAlertmanagerBearerToken(
                    require(secrets, alerting.alertmanagerTokenSecret().get(), "alertmanager.tokenSecret"));
        }
        if (alerting.alertmanagerBasicUser().isPresent()
                || alerting.alertmanagerBasicPasswordSecret().isPresent()) {
            if (alerting.alertmanagerBasicUser().isEmpty()
                    || alerting.alertmanagerBasicPasswordSecret().isEmpty()) {
                throw new SettingsException("settings 'alertmanager': basic auth needs both basicUser and"
                        + " basicPasswordSecret (only one is set)");
            }
            web = web.withAlertmanagerBasicAuth(
                    alerting.alertmanagerBasicUser().get(),
                    require(
                            secrets,
                            alerting.alertmanagerBasicPasswordSecret().get(),
                            "alertmanager.basicPasswordSecret"));
        }
        List<Secret> signing = new ArrayList<>();
        for (String name : alerting.pagerdutyWebhookSecrets()) {
            signing.add(require(secrets, name, "pagerduty.webhookSecrets"));
        }
        return web.withPagerduty(signing, alerting.pagerdutyFreshness());
    }

    private static Secret require(SecretResolver secrets, String name, String setting) {
        return secrets.resolve(name)
                .filter(secret -> !secret.reveal().isEmpty())
                .orElseThrow(() -> new SettingsException("settings '" + setting + "' names the secret '" + name
                        + "', which is not set (runbookctl secret set " + name + ", or the environment variable "
                        + EnvironmentSecrets.variableFor(name) + ")"));
    }

    private static ScheduledThreadPoolExecutor scheduled(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new NamedThreads(name));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static void drain(ExecutorService executor, Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
