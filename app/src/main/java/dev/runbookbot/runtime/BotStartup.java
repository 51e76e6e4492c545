package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.IncidentAuthority;
import dev.runbookbot.incident.IncidentControl;
import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.incident.RecoveryNotices;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.incident.escalation.IncidentEscalator;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.slack.EphemeralReplies;
import dev.runbookbot.slack.SlackApproverDirectory;
import dev.runbookbot.slack.SlackConnection;
import dev.runbookbot.slack.SlackCredentials;
import dev.runbookbot.slack.SlackHandlers;
import dev.runbookbot.slack.command.RunbookCommands;
import dev.runbookbot.slack.interaction.HomeTabPublisher;
import dev.runbookbot.slack.interaction.IncidentButtons;
import dev.runbookbot.store.JdbiAlertLedger;
import dev.runbookbot.store.JdbiIncidentInputs;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.telemetry.MeteredRemediator;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.telemetry.MetricsRunListener;
import dev.runbookbot.web.ReadinessCheck;
import dev.runbookbot.web.WebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start of the bot, in phases. The parts that need nothing from each other start at once, each on its own thread
 * ({@link StartupStep}): the sandbox's trial run, the catalog's lint, the store's open and recovery, Slack's answer to
 * who the bot is, and the shared HTTP client. The incident service and the Slack handlers are then wired from their
 * results on the calling thread (no I/O), and the Socket Mode link opens while the web server starts. Every part is recorded in the {@link
 * ShutdownSequence} as it starts, in the order that a stop must undo; when the start fails, the parts still starting
 * are waited for and closed. Logs one line with the time each phase took.
 */
final class BotStartup {
    private static final Logger LOG = LoggerFactory.getLogger(BotStartup.class);
    private static final Duration WRITE_PROBE_EVERY = Duration.ofSeconds(10);

    private final StartOptions options;
    private final Settings settings;
    private final ShutdownSequence shutdown;
    private final List<StartupStep<?>> unclaimed = new ArrayList<>();
    private final List<StartupStep<?>> claimed = new ArrayList<>();

    BotStartup(StartOptions options, ShutdownSequence shutdown) {
        this.options = options;
        this.settings = options.settings();
        this.shutdown = shutdown;
    }

    /** Starts everything; on failure, what was started is left in the shutdown sequence for the caller to close. */
    RunningBot start(boolean initDatabase) {
        try {
            return startAll(initDatabase);
        } finally {
            unclaimed.forEach(StartupStep::discard);
            unclaimed.clear();
        }
    }

    private RunningBot startAll(boolean initDatabase) {
        long begun = System.nanoTime();
        Metrics metrics = new Metrics();
        // Missing tokens are told first: the check reads only the settings, and a newcomer meets it before any other.
        SlackCredentials credentials = settings.slack().credentials();
        StartupStep<CatalogAssembly> catalogStep = step("catalog", () -> new CatalogAssembly(settings, metrics));
        if (!CatalogReloader.holdsRunbookFiles(settings.runbooksDir())) {
            claim(catalogStep); // fails, naming the directory, before Slack or the database is touched
        }
        // The trial run of the sandbox (a child process) and what it settles: the settings the steps run with.
        StartupStep<Settings> sandboxStep = step("sandbox", options.sandboxTried());
        StartupStep<OpenedStore> storeStep =
                step("store", () -> OpenedStore.open(settings, initDatabase, options.environment(), options.clock()));
        StartupStep<SlackAccess> identityStep = step("slack-identity", () -> SlackAccess.lookup(credentials));
        StartupStep<Void> webDefaultsStep = step("web-defaults", () -> {
            WebServer.loadDefaults(); // Jetty's MIME table and the JDK's locales, not on the main thread's way
            return null;
        });
        StartupStep<OutboundHttp> httpStep = step("http-client", () -> {
            OutboundHttp outbound = new OutboundHttp();
            outbound.client(); // built here, beside the other parts, rather than by the first remediation wired below
            return outbound;
        });

        // Joined in the order whose error a person should read first: the sandbox, the runbooks, the database, Slack.
        Settings tried = claim(sandboxStep);
        CatalogAssembly catalogs = shutdown.add(claim(catalogStep));
        Catalog runbooks = catalogs.catalog();
        OpenedStore opened = shutdown.add(claim(storeStep));
        JdbiIncidentStore store = opened.incidents();
        SlackAccess access = shutdown.add(claim(identityStep));
        OutboundHttp outbound = shutdown.add(claim(httpStep));
        OkHttpClient http = outbound.client();
        claim(webDefaultsStep);

        // Created in the order that stop() must undo: the link first, then the work it feeds, Slack last but one.
        SlackDelivery slack = shutdown.add(
                new SlackDelivery(access, options.rateLimits(), metrics, store, options.chatUpdateInterval()));
        DiagnosisAssembly diagnosis = shutdown.add(new DiagnosisAssembly(
                tried, outbound, opened.secrets(), options.clock(), new MetricsRunListener(metrics)));
        JdbiIncidentInputs inputs = new JdbiIncidentInputs(
                opened.database(), Optional.of(opened.replica().self()));
        IncidentEscalator escalator = AlertingAssembly.escalator(
                tried, runbooks, store, slack.chat(), http, opened.secrets(), options.clock());
        Remediator remediator = remediator(tried, opened, runbooks, inputs, diagnosis, slack, escalator, http);
        ThreadPoolExecutor incidentWorkers = BotExecutors.bounded("incident-worker", BotExecutors.INCIDENT_WORKERS);
        shutdown.add(BotExecutors.drainOnClose(incidentWorkers));
        String teamId = access.settings().expectedTeamId();
        IncidentService incidents = new IncidentService(
                runbooks,
                store,
                diagnosis.diagnoser(),
                slack.chat(),
                new ApprovalPolicy(tried.slack().approvers(), teamId, new SlackApproverDirectory(slack.webApi())),
                new MeteredRemediator(remediator, store, metrics),
                inputs,
                incidentWorkers,
                options.clock(),
                tried.defaultEnvironment());
        // Before anything can open a new incident: diagnoses the stop cut short are run again (or reported), by a bot
        // alone on its store; next to live replicas, the one on duty resumes those of replicas that died.
        if (opened.alone()) {
            incidents.resumeInterruptedDiagnoses();
        }
        EphemeralReplies replies = new EphemeralReplies(slack.webApi());
        IncidentAuthority authority = new IncidentAuthority(
                tried.slack().approvers(),
                teamId,
                new SlackApproverDirectory(slack.webApi()),
                tried.slack().participantsMayClose());
        IncidentControl control =
                new IncidentControl(runbooks, store, slack.chat(), authority, escalator, incidents, options.clock());
        SlackHandlers handlers = new SlackHandlers(
                new RunbookCommands(incidents, runbooks, store, replies, control, authority, catalogs),
                new IncidentButtons(incidents, control, replies).handlers(),
                new HomeTabPublisher(slack.webApi(), store, runbooks));

        ThreadPoolExecutor slackWork = BotExecutors.bounded("slack-work", BotExecutors.SLACK_WORKERS);
        shutdown.add(BotExecutors.drainOnClose(slackWork));
        ScheduledThreadPoolExecutor slackReconnects = BotExecutors.scheduled("slack-reconnect", 1);
        shutdown.add(BotExecutors.drainOnClose(slackReconnects));
        SlackConnection link = shutdown.add(new SlackConnection(
                access.settings(), access.transport(), slack.webApi(), handlers, slackWork, slackReconnects));
        // The Socket Mode link opens (Bolt, the WebSocket) while the web server starts here.
        StartupStep<Void> linkStep = step("slack-link", () -> {
            link.start();
            return null;
        });
        long webBegun = System.nanoTime();
        catalogs.start(slack.chat(), options.reloadOnHangup());
        RecoveryNotices notices = new RecoveryNotices(runbooks, store, slack.chat());
        incidentWorkers.execute(() -> notices.announce(opened.recovered()));
        ScheduledThreadPoolExecutor reaper = BotExecutors.scheduled("reaper", 1);
        shutdown.add(BotExecutors.drainOnClose(reaper));
        long reapEvery = options.reapInterval().toMillis();
        ReplicaAssembly replica = opened.replica();
        replica.start(incidents);
        reaper.scheduleWithFixedDelay(
                replica.duty()
                        .whileOnDuty(new IncidentReaper(
                                store,
                                notices,
                                replica::liveWorkers,
                                options.clock(),
                                options.wallClock(),
                                options.reapInterval())),
                reapEvery,
                reapEvery,
                TimeUnit.MILLISECONDS);
        StoreWriteProbe writable =
                new StoreWriteProbe(opened.database(), options.clock(), WRITE_PROBE_EVERY.multipliedBy(3));
        writable.run();
        reaper.scheduleWithFixedDelay(
                writable, WRITE_PROBE_EVERY.toMillis(), WRITE_PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        AlertingAssembly alerts = shutdown.add(new AlertingAssembly(
                tried,
                runbooks,
                store,
                new JdbiAlertLedger(opened.database()),
                incidents,
                slack.chat(),
                escalator,
                metrics,
                List.of(writable, ReadinessCheck.of("slack socket connected", link::isConnected), catalogs.readiness()),
                http,
                opened.secrets(),
                options.clock(),
                options.webPages()));
        alerts.start(replica.duty());
        long webMillis = (System.nanoTime() - webBegun) / 1_000_000;
        claim(linkStep);
        LOG.info(
                "runbook-bot started in {} ms ({}, web {} ms): {} runbooks from {}, {}",
                (System.nanoTime() - begun) / 1_000_000,
                String.join(", ", claimed.stream().map(StartupStep::timing).toList()),
                webMillis,
                runbooks.all().size(),
                tried.runbooksDir(),
                opened.database().describe());
        return new RunningBot(store, link, runbooks, alerts, metrics);
    }

    /** The remediation pipeline of {@link RemediationAssembly}, or the one the builder was given. */
    private Remediator remediator(
            Settings tried,
            OpenedStore opened,
            Catalog runbooks,
            JdbiIncidentInputs inputs,
            DiagnosisAssembly diagnosis,
            SlackDelivery slack,
            IncidentEscalator escalator,
            OkHttpClient http) {
        if (options.remediators().isPresent()) {
            return options.remediators().get().apply(opened.incidents());
        }
        RemediationAssembly remediation = shutdown.add(new RemediationAssembly(
                tried,
                opened.incidents(),
                runbooks,
                inputs,
                new JdbiPromotions(opened.database(), options.clock()),
                diagnosis,
                slack.chat(),
                AlertingAssembly.remediationEscalator(escalator),
                http,
                opened.secrets(),
                opened.knownSecrets(),
                options.clock()));
        return remediation.remediator();
    }

    private <T> StartupStep<T> step(String name, Supplier<T> work) {
        StartupStep<T> step = StartupStep.begin(name, work);
        unclaimed.add(step);
        return step;
    }

    private <T> T claim(StartupStep<T> step) {
        unclaimed.remove(step);
        claimed.add(step);
        return step.result();
    }
}
