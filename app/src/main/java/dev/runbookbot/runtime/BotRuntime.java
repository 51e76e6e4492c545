package dev.runbookbot.runtime;

import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.IncidentAuthority;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.RecoveryNotices;
import dev.runbookbot.incident.RecoveryReport;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.incident.StoredChatPlacements;
import dev.runbookbot.incident.escalation.IncidentEscalator;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.secrets.StoredSecretResolver;
import dev.runbookbot.slack.DeliveryBackoff;
import dev.runbookbot.slack.EphemeralReplies;
import dev.runbookbot.slack.MessageUpdateCoalescer;
import dev.runbookbot.slack.RateLimitPolicy;
import dev.runbookbot.slack.SlackApproverDirectory;
import dev.runbookbot.slack.SlackChatGateway;
import dev.runbookbot.slack.SlackConnection;
import dev.runbookbot.slack.SlackCredentials;
import dev.runbookbot.slack.SlackHandlers;
import dev.runbookbot.slack.SlackIdentityLookup;
import dev.runbookbot.slack.SlackSettings;
import dev.runbookbot.slack.SlackTransport;
import dev.runbookbot.slack.SlackWebApi;
import dev.runbookbot.slack.command.RunbookCommands;
import dev.runbookbot.slack.interaction.HomeTabPublisher;
import dev.runbookbot.slack.interaction.IncidentButtons;
import dev.runbookbot.store.DatabaseMarker;
import dev.runbookbot.store.JdbiAlertLedger;
import dev.runbookbot.store.JdbiIncidentInputs;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.StoreDatabase;
import dev.runbookbot.telemetry.MeteredRemediator;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.telemetry.MetricsRunListener;
import dev.runbookbot.web.ReadinessCheck;
import io.javalin.config.RoutesConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bot, built from {@link Settings}: the runbook catalog ({@link CatalogAssembly}: linted as a whole, a broken
 * file refused and reported while the rest is served, reloaded when the directory changes), the SQLite store (recovered once at start: interrupted runs and pending approvals are shown again in their
 * threads) with its secret store, the diagnosis half ({@link DiagnosisAssembly}), the remediation pipeline ({@link
 * RemediationAssembly}, escalating in chat), the incident service, the Slack adapter with its handlers, and the named,
 * bounded executors of docs/concurrency.md. Secrets resolve from the secret store first, then {@code RUNBOOK_SECRET_*};
 * the values of both are masked in every output. {@code runbookctl bot} runs one; integration tests start one in-process against a fake Slack.
 *
 * <p>{@link #start()} builds and connects everything and returns once the Socket Mode link is being opened; {@link
 * #awaitReady(Duration)} waits until it is connected. {@link #stop()} disconnects, lets queued work finish briefly,
 * delivers the pending message edits and closes the store. Start and stop are called from one thread.
 */
public final class BotRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);
    private static final Duration REAP_INTERVAL = Duration.ofSeconds(10);
    private static final Duration CLOCK_STEP_WORTH_LOGGING = Duration.ofSeconds(2);
    static final int INCIDENT_WORKERS = 4;
    static final int SLACK_WORKERS = 4;
    static final int SLACK_DELIVERY_THREADS = 16;
    static final int QUEUE_CAPACITY = 256;

    private final Settings settings;
    /** The bot's clock: the wall clock at start, moved on by elapsed monotonic time ({@link ElapsedClock}). */
    private final ElapsedClock clock;

    private final Clock wallClock;
    private final Duration reapInterval;
    private final Optional<Function<IncidentStore, Remediator>> remediators;
    private final Duration chatUpdateInterval;
    private final RateLimitPolicy rateLimits;
    private final Map<String, String> environment;
    private final List<Consumer<RoutesConfig>> webPages;
    private final boolean reloadOnHangup;
    /** What to close on stop, the last started first. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private volatile IncidentStore store;
    private volatile SlackConnection connection;
    private volatile Catalog catalog;
    private volatile AlertingAssembly alerting;
    private volatile Metrics metrics;
    /** The clock offset last logged by the reaper (its thread only). */
    private Duration loggedClockOffset = Duration.ZERO;

    private BotRuntime(Builder builder) {
        this.settings = builder.settings;
        this.wallClock = builder.clock;
        this.clock = new ElapsedClock(builder.clock, builder.ticker.orElseGet(() -> tickerOf(builder.clock)));
        this.reapInterval = builder.reapInterval;
        this.remediators = builder.remediators;
        this.chatUpdateInterval = builder.chatUpdateInterval;
        this.rateLimits = builder.rateLimits;
        this.environment = builder.environment;
        this.webPages = List.copyOf(builder.webPages);
        this.reloadOnHangup = builder.reloadOnHangup;
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    /**
     * Builds and starts the bot.
     *
     * @throws BotStartupException when the runbook directory holds no runbook file
     * @throws dev.runbookbot.slack.SlackStartupException when a Slack setting is missing or Slack refuses the tokens
     * @throws dev.runbookbot.incident.StoreException when the database cannot be opened
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        start(false);
    }

    /**
     * Builds and starts the bot, as {@link #start()}; with {@code initDatabase} ({@code runbookctl bot --init}) an empty
     * database is created even though the bot has run with one at that path before (see {@link DatabaseMarker}).
     */
    public synchronized void start(boolean initDatabase) {
        if (connection != null) {
            throw new IllegalStateException("the bot is already started");
        }
        try {
            startEverything(initDatabase);
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    private void startEverything(boolean initDatabase) {
        SlackCredentials slackCredentials = settings.slack().credentials();
        Metrics meters = new Metrics();
        CatalogAssembly catalogs = new CatalogAssembly(settings, meters);
        resources.push(catalogs);
        Catalog runbooks = catalogs.catalog();
        SlackTransport transport =
                new SlackTransport(slackCredentials.apiBaseUrl(), slackCredentials.httpCallTimeout());
        resources.push(transport);
        // Who the bot is, from Slack: only the two tokens are needed; SLACK_TEAM_ID / SLACK_APP_ID are pins. Asked
        // while the database opens and recovers.
        StartupStep<SlackSettings> identity =
                StartupStep.begin("slack-identity", () -> new SlackIdentityLookup(transport).resolve(slackCredentials));

        StoreDatabase database = StoreAssembly.open(settings, environment, clock, initDatabase);
        resources.push(database);
        JdbiIncidentStore jdbiStore = new JdbiIncidentStore(database, clock);
        SecretStore secretStore =
                new JdbiSecretStore(database, new SecretBox(settings.masterKeys(), new SecureRandom()), clock);
        secretStore.all(); // a stored secret that cannot be decrypted stops the start, not the first incident
        EnvironmentSecrets environmentSecrets = new EnvironmentSecrets(environment);
        StoredSecretResolver storedSecrets = new StoredSecretResolver(secretStore);
        SecretResolver secrets = name -> storedSecrets.resolve(name).or(() -> environmentSecrets.resolve(name));
        Supplier<Collection<Secret>> knownSecrets = () -> {
            List<Secret> all = new ArrayList<>(secretStore.all());
            all.addAll(environmentSecrets.all());
            return all;
        };
        RecoveryReport recovered = jdbiStore.recover();
        SlackSettings slackSettings = identity.result();

        // Created in the order that stop() must undo: the link first, then the work it feeds, Slack last but one.
        OutboundHttp outbound = new OutboundHttp();
        resources.push(outbound);
        OkHttpClient http = outbound.client();
        ScheduledThreadPoolExecutor slackWebApi = scheduled("slack-web-api", 2);
        resources.push(() -> drain(slackWebApi, Duration.ofSeconds(5)));
        SlackWebApi webApi = new SlackWebApi(transport, slackSettings, rateLimits, meters::slackApiError);
        MessageUpdateCoalescer coalescer = new MessageUpdateCoalescer(webApi::update, slackWebApi, chatUpdateInterval);
        resources.push(coalescer);
        ThreadPoolExecutor slackDelivery = deliveryPool();
        resources.push(() -> drain(slackDelivery, Duration.ofSeconds(5)));
        SlackChatGateway chat = new SlackChatGateway(
                webApi,
                coalescer,
                jdbiStore,
                slackDelivery,
                slackWebApi,
                new StoredChatPlacements(jdbiStore),
                DeliveryBackoff.DEFAULT);

        DiagnosisAssembly diagnosis =
                new DiagnosisAssembly(settings, http, secrets, clock, new MetricsRunListener(meters));
        resources.push(diagnosis);
        JdbiIncidentInputs inputs = new JdbiIncidentInputs(database);
        IncidentEscalator escalator =
                AlertingAssembly.escalator(settings, runbooks, jdbiStore, chat, http, secrets, clock);
        Remediator remediator;
        if (remediators.isPresent()) {
            remediator = remediators.get().apply(jdbiStore);
        } else {
            RemediationAssembly remediation = new RemediationAssembly(
                    settings,
                    jdbiStore,
                    runbooks,
                    inputs,
                    new JdbiPromotions(database, clock),
                    diagnosis,
                    chat,
                    AlertingAssembly.remediationEscalator(escalator),
                    http,
                    secrets,
                    knownSecrets,
                    clock);
            resources.push(remediation);
            remediator = remediation.remediator();
        }
        ThreadPoolExecutor incidentWorkers = bounded("incident-worker", INCIDENT_WORKERS);
        resources.push(() -> drain(incidentWorkers, Duration.ofSeconds(5)));

        IncidentService incidents = new IncidentService(
                runbooks,
                jdbiStore,
                diagnosis.diagnoser(),
                chat,
                new ApprovalPolicy(
                        settings.slack().approvers(),
                        slackSettings.expectedTeamId(),
                        new SlackApproverDirectory(webApi)),
                new MeteredRemediator(remediator, jdbiStore, meters),
                inputs,
                incidentWorkers,
                clock,
                settings.defaultEnvironment());
        // Before anything can open a new incident: diagnoses the stop cut short are run again (or reported).
        incidents.resumeInterruptedDiagnoses();
        EphemeralReplies replies = new EphemeralReplies(webApi);
        IncidentAuthority authority = new IncidentAuthority(
                settings.slack().approvers(),
                slackSettings.expectedTeamId(),
                new SlackApproverDirectory(webApi),
                settings.slack().participantsMayClose());
        IncidentControl control =
                new IncidentControl(runbooks, jdbiStore, chat, authority, escalator, incidents, clock);
        SlackHandlers handlers = new SlackHandlers(
                new RunbookCommands(incidents, runbooks, jdbiStore, replies, control, authority, catalogs),
                new IncidentButtons(incidents, control, replies).handlers(),
                new HomeTabPublisher(webApi, jdbiStore, runbooks));

        ThreadPoolExecutor slackWork = bounded("slack-work", SLACK_WORKERS);
        resources.push(() -> drain(slackWork, Duration.ofSeconds(5)));
        SlackConnection link = new SlackConnection(slackSettings, transport, webApi, handlers, slackWork);
        resources.push(link);
        link.start();
        catalogs.start(chat, reloadOnHangup);

        this.store = jdbiStore;
        this.catalog = runbooks;
        this.connection = link;
        RecoveryNotices notices = new RecoveryNotices(runbooks, jdbiStore, chat);
        incidentWorkers.execute(() -> notices.announce(recovered));
        ScheduledThreadPoolExecutor reaper = scheduled("reaper", 1);
        resources.push(() -> drain(reaper, Duration.ofSeconds(5)));
        reaper.scheduleWithFixedDelay(
                () -> reap(jdbiStore, notices),
                reapInterval.toMillis(),
                reapInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        StoreWriteProbe writable = new StoreWriteProbe(database, clock, REAP_INTERVAL.multipliedBy(3));
        writable.run();
        reaper.scheduleWithFixedDelay(
                writable, REAP_INTERVAL.toMillis(), REAP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        AlertingAssembly alerts = new AlertingAssembly(
                settings,
                runbooks,
                jdbiStore,
                new JdbiAlertLedger(database),
                incidents,
                chat,
                escalator,
                meters,
                List.of(writable, ReadinessCheck.of("slack socket connected", link::isConnected), catalogs.readiness()),
                http,
                secrets,
                clock,
                webPages);
        resources.push(alerts);
        alerts.start();
        this.alerting = alerts;
        this.metrics = meters;
        LOG.info(
                "runbook-bot started: {} runbooks from {}, {}",
                runbooks.all().size(),
                settings.runbooksDir(),
                database.describe());
    }

    /**
     * The monotonic time of the default system clock, or, for a clock given without a ticker (a test's), that clock's
     * own time: such a clock then moves deadlines as it moves.
     */
    private static LongSupplier tickerOf(Clock clock) {
        if (clock.equals(Clock.systemUTC())) {
            return System::nanoTime;
        }
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * Nothing stays running or awaiting approval forever: expired and overdue runs are marked and announced. Deadlines
     * are read on the bot's own clock, so a step of the system clock changes none; one is logged, once per step.
     */
    private void reap(JdbiIncidentStore store, RecoveryNotices notices) {
        Duration offset = clock.offsetFrom(wallClock);
        if (offset.abs().compareTo(CLOCK_STEP_WORTH_LOGGING) > 0
                && offset.minus(loggedClockOffset).abs().compareTo(CLOCK_STEP_WORTH_LOGGING) > 0) {
            loggedClockOffset = offset;
            LOG.warn(
                    "the system clock is {} s away from the bot's (it was stepped); deadlines keep to the time"
                            + " elapsed, and the times the bot records stay on its own clock until it restarts",
                    offset.toSeconds());
        }
        try {
            notices.announceReaped(store.reap(Set.of(RemediationAssembly.workerName())));
        } catch (RuntimeException e) {
            LOG.warn("the reaper failed this round; it tries again in {}", reapInterval, e);
        }
    }

    /**
     * Waits until the Socket Mode link is connected.
     *
     * @return whether it connected within {@code timeout}
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        SlackConnection link = connection;
        if (link == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return link.awaitConnected(timeout);
    }

    /** The port the web server (webhooks, health, metrics) listens on. */
    public int webPort() {
        AlertingAssembly a = alerting;
        if (a == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return a.webPort();
    }

    /** The bot's metrics, as {@code GET /metrics} shows them. */
    public Metrics metrics() {
        Metrics m = metrics;
        if (m == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return m;
    }

    /** The incident record the bot writes; for tests and diagnostics of a running bot. */
    public IncidentQueries records() {
        IncidentStore s = store;
        if (s == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return s;
    }

    /** The runbooks the bot serves. */
    public Catalog catalog() {
        Catalog c = catalog;
        if (c == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return c;
    }

    /** Disconnects from Slack, finishes what it can within a few seconds, and closes the store. Idempotent. */
    public synchronized void stop() {
        connection = null;
        alerting = null;
        metrics = null;
        store = null;
        catalog = null;
        closeResources();
    }

    @Override
    public void close() {
        stop();
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static ThreadPoolExecutor bounded(String name, int threads) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                new NamedThreads(name));
    }

    /**
     * The threads that deliver incident messages to Slack: each waits its turn and pace in a channel, so there is one
     * per incident being delivered, up to a bound, and the rest queue.
     */
    private static ThreadPoolExecutor deliveryPool() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                SLACK_DELIVERY_THREADS,
                SLACK_DELIVERY_THREADS,
                30,
                TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(),
                new NamedThreads("slack-delivery"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static ScheduledThreadPoolExecutor scheduled(String name, int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, new NamedThreads(name));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static void drain(ExecutorService executor, Duration grace) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }

    private static void stopNow(ExecutorService executor) {
        executor.shutdownNow();
    }

    /** How to build a {@link BotRuntime}; only the settings are required. */
    public static final class Builder {
        private final Settings settings;
        private Clock clock = Clock.systemUTC();
        private Optional<LongSupplier> ticker = Optional.empty();
        private Duration reapInterval = REAP_INTERVAL;
        private Optional<Function<IncidentStore, Remediator>> remediators = Optional.empty();
        private Duration chatUpdateInterval = MessageUpdateCoalescer.DEFAULT_INTERVAL;
        private RateLimitPolicy rateLimits = RateLimitPolicy.DEFAULT;
        private Map<String, String> environment = System.getenv();
        private final List<Consumer<RoutesConfig>> webPages = new ArrayList<>();
        private boolean reloadOnHangup;

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * The wall clock, read when the bot starts; the bot's clock (the store's, the diagnoser's, the incident
         * service's) moves on from there by the {@link #ticker} ({@link ElapsedClock}). Without a ticker, a clock
         * other than the system's is its own ticker.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Monotonic nanoseconds ({@code System::nanoTime} by default), which deadlines are measured with. */
        public Builder ticker(LongSupplier value) {
            this.ticker = Optional.of(Objects.requireNonNull(value, "ticker"));
            return this;
        }

        /** How often expired approvals and overdue runs are looked for (10 s by default). */
        public Builder reapInterval(Duration value) {
            this.reapInterval = Objects.requireNonNull(value, "reapInterval");
            return this;
        }

        /**
         * How remediations are carried out, given the bot's store; by default the remediation pipeline of {@link
         * RemediationAssembly} (guards, the action executors, expected output, recovery check).
         */
        public Builder remediator(Function<IncidentStore, Remediator> value) {
            this.remediators = Optional.of(Objects.requireNonNull(value, "remediator"));
            return this;
        }

        /** The spacing of edits to one Slack message (1.5 s by default). */
        public Builder chatUpdateInterval(Duration value) {
            this.chatUpdateInterval = Objects.requireNonNull(value, "chatUpdateInterval");
            return this;
        }

        /** How Slack's HTTP 429 answers are waited out. */
        public Builder rateLimits(RateLimitPolicy value) {
            this.rateLimits = Objects.requireNonNull(value, "rateLimits");
            return this;
        }

        /**
         * The environment the {@code RUNBOOK_SECRET_*} secrets are read from: the process's by default; in-process
         * tests give the one they built their settings from.
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** A further page on the bot's web server (the local workspace of {@code runbookctl bot --local}). */
        public Builder webPage(Consumer<RoutesConfig> value) {
            this.webPages.add(value);
            return this;
        }

        /** Whether SIGHUP reloads the runbooks ({@code runbookctl bot}); off by default, as it is process-wide. */
        public Builder reloadOnHangup(boolean value) {
            this.reloadOnHangup = value;
            return this;
        }

        public BotRuntime build() {
            return new BotRuntime(this);
        }
    }
}
