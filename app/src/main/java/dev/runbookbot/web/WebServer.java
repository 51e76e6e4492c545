package dev.runbookbot.web;

import dev.runbookbot.alert.JsonPayloadReader;
import dev.runbookbot.alert.alertmanager.AlertmanagerMapper;
import dev.runbookbot.alert.pagerduty.FreshnessCheck;
import dev.runbookbot.alert.pagerduty.PagerDutyMapper;
import dev.runbookbot.alert.pagerduty.PagerDutySignatureVerifier;
import dev.runbookbot.incident.intake.AlertIntake;
import dev.runbookbot.telemetry.Metrics;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server: the webhooks ({@code POST /webhooks/alertmanager}, {@code POST /webhooks/pagerduty}) and the
 * operations endpoints ({@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics}). Build it, {@link #start()}
 * it, {@link #close()} it. Requests run on a bounded Jetty pool named {@code web-*} ({@value #MAX_THREADS} threads at
 * most); a request thread only parses, authenticates, verifies, calls the {@link AlertIntake} (which records durably
 * and hands off) and answers. No request line, header, query string or body is logged by it.
 */
public final class WebServer implements AutoCloseable {
    static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 4;
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final WebSettings settings;
    private final Javalin app;

    /**
     * Loads and initialises what a web server's start first needs and that depends on nothing of the bot's: Jetty's
     * table of MIME types, whose set-up asks the JDK for every locale it knows (some 70 ms of class loading). The bot
     * calls it on a start-up thread of its own while its catalog is linted, so that {@link #start()} does not wait for
     * it. Thread-safe; the second call costs nothing.
     */
    public static void loadDefaults() {
        MimeTypes.DEFAULTS.getMimeMap();
    }

    public WebServer(
            WebSettings settings, AlertIntake intake, List<ReadinessCheck> readiness, Metrics metrics, Clock clock) {
        this(settings, intake, readiness, metrics, clock, List.of());
    }

    /**
     * As above, with {@code pages}: further routes served beside the webhooks (the local workspace's page of {@code
     * runbookctl bot --local}); they must not take the webhook or operations paths.
     */
    public WebServer(
            WebSettings settings,
            AlertIntake intake,
            List<ReadinessCheck> readiness,
            Metrics metrics,
            Clock clock,
            List<Consumer<RoutesConfig>> pages) {
        this.settings = settings;
        JsonPayloadReader json = new JsonPayloadReader();
        BoundedBody bodies = new BoundedBody(settings.maxBodyBytes());
        WebhookReplies replies = new WebhookReplies(metrics);
        AlertmanagerCredentials credentials = new AlertmanagerCredentials(
                settings.alertmanagerBearerToken(),
                settings.alertmanagerBasicUser(),
                settings.alertmanagerBasicPassword());
        if (!credentials.configured()) {
            log.warn("no Alertmanager bearer token or basic auth is configured: POST /webhooks/alertmanager refuses"
                    + " every request with 401");
        }
        if (settings.pagerdutySecrets().isEmpty()) {
            log.warn("no PagerDuty signing secret is configured: POST /webhooks/pagerduty refuses every request with"
                    + " 401");
        }
        AlertmanagerRoute alertmanager =
                new AlertmanagerRoute(credentials, bodies, new AlertmanagerMapper(json), intake, replies);
        PagerDutyRoute pagerduty = new PagerDutyRoute(
                bodies,
                new PagerDutySignatureVerifier(settings.pagerdutySecrets()),
                new PagerDutyMapper(json),
                new FreshnessCheck(settings.pagerdutyFreshness(), clock),
                intake,
                replies);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MILLIS);
        threads.setName("web");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.bindAddress();
            config.jetty.port = settings.port();
            config.jetty.threadPool = threads;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.routes.post("/webhooks/alertmanager", alertmanager);
            config.routes.post("/webhooks/pagerduty", pagerduty);
            config.routes.get("/healthz", new HealthRoute());
            config.routes.get("/readyz", new ReadinessRoute(readiness));
            config.routes.get("/metrics", new MetricsRoute(metrics));
            pages.forEach(page -> page.accept(config.routes));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error\n");
            });
        });
    }

    /** Binds the address and port and starts answering; fails if the port is taken. */
    public WebServer start() {
        app.start();
        log.info("web server listening on {}", baseUri());
        return this;
    }

    /** The bound port (the chosen one when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://<bind address>:<port>/}. */
    public URI baseUri() {
        String host =
                settings.bindAddress().contains(":") ? "[" + settings.bindAddress() + "]" : settings.bindAddress();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    @Override
    public void close() {
        app.stop();
    }
}
