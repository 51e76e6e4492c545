package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.config.UntriedSettings;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.slack.MessageUpdateCoalescer;
import dev.runbookbot.slack.RateLimitPolicy;
import dev.runbookbot.store.DatabaseMarker;
import dev.runbookbot.telemetry.Metrics;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The whole bot, built from {@link Settings}: the runbook catalog ({@link CatalogAssembly}: linted as a whole, a broken
 * file refused and reported while the rest is served, reloaded when the directory changes), the SQLite store ({@link
 * OpenedStore}: recovered once at start, interrupted runs and pending approvals are shown again in their threads) with
 * its secret store, the diagnosis half ({@link DiagnosisAssembly}), the remediation pipeline ({@link
 * RemediationAssembly}, escalating in chat), the incident service, the Slack adapter with its handlers, and the named,
 * bounded executors of docs/concurrency.md ({@link BotExecutors}). Secrets resolve from the secret store first, then
 * {@code RUNBOOK_SECRET_*}; the values of both are masked in every output. {@code runbookctl bot} runs one; integration
 * tests start one in-process against a fake Slack.
 *
 * <p>{@link #start()} builds and connects everything ({@link BotStartup}: the independent parts in parallel) and
 * returns once the web server listens and the Socket Mode link is being opened; {@link #awaitReady(Duration)} waits
 * until it is connected. {@link #stop()} disconnects, lets queued work finish briefly, delivers the pending message
 * edits and closes the store ({@link ShutdownSequence}). Start and stop are called from one thread.
 */
public final class BotRuntime implements AutoCloseable {
    private static final Duration REAP_INTERVAL = Duration.ofSeconds(10);

    private final StartOptions options;
    private final ShutdownSequence shutdown = new ShutdownSequence();
    private volatile RunningBot running;

    private BotRuntime(Builder builder) {
        this.options = new StartOptions(
                builder.settings,
                builder.sandboxTried,
                new ElapsedClock(builder.clock, builder.ticker.orElseGet(() -> tickerOf(builder.clock))),
                builder.clock,
                builder.reapInterval,
                builder.remediators,
                builder.chatUpdateInterval,
                builder.rateLimits,
                builder.environment,
                List.copyOf(builder.webPages),
                builder.reloadOnHangup);
    }

    /** A bot with these settings, whose sandbox was tried when they were read ({@link Settings#load}). */
    public static Builder builder(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        return new Builder(settings, () -> settings);
    }

    /**
     * A bot with these settings, whose sandbox it tries while it starts, beside the other parts ({@code runbookctl
     * bot}): an unusable chosen sandbox fails the start, reported before the runbooks, the database and Slack.
     */
    public static Builder builder(UntriedSettings settings) {
        return new Builder(settings.settings(), settings::tried);
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
        if (running != null) {
            throw new IllegalStateException("the bot is already started");
        }
        try {
            running = new BotStartup(options, shutdown).start(initDatabase);
        } catch (RuntimeException e) {
            shutdown.closeAll();
            throw e;
        }
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
     * Waits until the Socket Mode link is connected.
     *
     * @return whether it connected within {@code timeout}
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return started().connection().awaitConnected(timeout);
    }

    /** The port the web server (webhooks, health, metrics) listens on. */
    public int webPort() {
        return started().alerting().webPort();
    }

    /** The bot's metrics, as {@code GET /metrics} shows them. */
    public Metrics metrics() {
        return started().metrics();
    }

    /** The incident record the bot writes; for tests and diagnostics of a running bot. */
    public IncidentQueries records() {
        return started().store();
    }

    /** The runbooks the bot serves. */
    public Catalog catalog() {
        return started().catalog();
    }

    private RunningBot started() {
        RunningBot r = running;
        if (r == null) {
            throw new IllegalStateException("the bot is not started");
        }
        return r;
    }

    /** Disconnects from Slack, finishes what it can within a few seconds, and closes the store. Idempotent. */
    public synchronized void stop() {
        running = null;
        shutdown.closeAll();
    }

    @Override
    public void close() {
        stop();
    }

    /** How to build a {@link BotRuntime}; only the settings are required. */
    public static final class Builder {
        private final Settings settings;
        private final Supplier<Settings> sandboxTried;
        private Clock clock = Clock.systemUTC();
        private Optional<LongSupplier> ticker = Optional.empty();
        private Duration reapInterval = REAP_INTERVAL;
        private Optional<Function<IncidentStore, Remediator>> remediators = Optional.empty();
        private Duration chatUpdateInterval = MessageUpdateCoalescer.DEFAULT_INTERVAL;
        private RateLimitPolicy rateLimits = RateLimitPolicy.DEFAULT;
        private Map<String, String> environment = System.getenv();
        private final List<Consumer<RoutesConfig>> webPages = new ArrayList<>();
        private boolean reloadOnHangup;

        private Builder(Settings settings, Supplier<Settings> sandboxTried) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.sandboxTried = sandboxTried;
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
