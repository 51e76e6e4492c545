package dev.runbookbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.socket_mode.SocketModeClient;
import dev.runbookbot.secrets.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Socket Mode link to Slack: a Bolt {@link App} with the bot's listeners, run by a {@link SocketModeApp} on
 * the Java-WebSocket backend.
 *
 * <p>{@link #start()} checks the tokens before anything else and fails with a {@link SlackStartupException} that names
 * the variable at fault: missing, of the wrong kind, rejected by {@code auth.test} or {@code apps.connections.open}, or
 * for another team. It then opens the link and returns; {@link #awaitConnected(Duration)} is the readiness signal,
 * because a started Socket Mode client is not yet a connected one. A lost link is re-opened by the SDK at once when
 * Slack sends {@code disconnect}; otherwise (a dropped socket, a failed attempt) by {@link SocketReconnector}, at once
 * when the socket closes and then with exponential backoff and jitter that honours {@code Retry-After}, about one
 * {@code apps.connections.open} a minute at most in a long storm of 429s.
 *
 * <p>Start-up calls, for the record: {@code auth.test} with the bot token twice (ours, for a clear error, then Bolt's;
 * the bot's start asks {@link SlackIdentityLookup} before, which adds one more and {@code bots.info}) and {@code
 * apps.connections.open} twice (the SDK discards the first URL). Bolt's answer to {@code auth.test} is kept
 * for good, so no payload waits for a Web API call before its ack.
 *
 * <p>Every payload passes {@link PayloadIdentityGuard} and then {@link RepeatedEventFilter} (an event delivered again
 * is acknowledged and dropped) before any listener; listeners acknowledge at once and run the
 * handlers on the {@code work} executor ({@link AckFirstDispatch}); unmatched payloads are acknowledged by {@link
 * StaleButtonResponder}. Thread-safe; {@link #start()} and {@link #stop()} are serialised.
 */
public final class SlackConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackConnection.class);
    /** How the SDK reports an {@code ok: false} from {@code apps.connections.open}: "... (error: invalid_auth)". */
    private static final Pattern SLACK_ERROR = Pattern.compile("\\(error: ([a-z_]+)\\)");

    private final SlackSettings settings;
    private final SlackTransport transport;
    private final AckFirstDispatch dispatch;
    private final StaleButtonResponder unmatched;
    private final PayloadIdentityGuard guard;
    private final RepeatedEventFilter repeats;
    private final SocketReconnector reconnector;
    private final ObjectMapper json = new ObjectMapper();
    /** Released on every {@code hello}, to wake {@link #awaitConnected}. */
    private final Semaphore hellos = new Semaphore(0);

    private volatile SocketModeApp socketModeApp;
    private volatile SocketModeClient client;

    /**
     * @param work the bounded executor that runs handlers and replies; built and owned by the caller
     * @param reconnects runs the checks that re-open a lost link ({@link SocketReconnector}); built and owned by the
     *     caller, shared by every connection it makes
     */
    public SlackConnection(
            SlackSettings settings,
            SlackTransport transport,
            SlackWebApi webApi,
            SlackHandlers handlers,
            Executor work,
            ScheduledExecutorService reconnects) {
        this.reconnector = new SocketReconnector(
                new ReconnectBackoff(
                        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble()),
                System::nanoTime,
                reconnects);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.dispatch = new AckFirstDispatch(handlers, work);
        this.unmatched = new StaleButtonResponder(webApi, work);
        this.guard = new PayloadIdentityGuard(json, settings.expectedTeamId(), settings.expectedApiAppId());
        this.repeats = new RepeatedEventFilter(json, System::nanoTime);
    }

    /**
     * Checks the tokens and opens the Socket Mode link. Returns once the link is being opened; see {@link
     * #awaitConnected(Duration)}.
     *
     * @throws SlackStartupException when a token is missing, malformed or rejected, or Slack cannot be reached
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (socketModeApp != null) {
            throw new IllegalStateException("the Slack connection is already started");
        }
        Secret bot = settings.botToken();
        Secret appToken = settings.appToken();
        TokenShape.check(bot, "xoxb-", "bot token (xoxb-...)");
        TokenShape.check(appToken, "xapp-", "app-level token (xapp-...)");
        checkBotToken(bot);

        App app = new App(AppConfig.builder()
                .slack(transport.slack())
                .singleTeamBotToken(bot.reveal())
                .unmatchedRequestHandler(unmatched)
                // Bolt would repeat auth.test on the listener thread, before the ack, every 10 minutes; the
                // start-up answer stays valid (a revoked token shows up as failing Web API calls instead)
                .authTestCacheExpirationMillis(-1)
                .build());
        try {
            app.use(guard); // builds Bolt's default middleware, which calls auth.test
        } catch (IllegalArgumentException e) {
            throw SlackStartupException.rejected(bot.name(), "auth.test", e.getMessage());
        }
        app.use(repeats);
        dispatch.registerOn(app);

        SocketModeApp sm = null;
        try {
            sm = new SocketModeApp(appToken.reveal(), SocketModeClient.Backend.JavaWebSocket, app);
            sm.startAsync();
        } catch (Exception e) {
            app.stop();
            closeQuietly(sm == null ? null : sm.getClient());
            Matcher slackError = SLACK_ERROR.matcher(String.valueOf(e.getMessage()));
            if (slackError.find()) {
                throw SlackStartupException.rejected(appToken.name(), "apps.connections.open", slackError.group(1));
            }
            throw SlackStartupException.socketModeFailed(appToken.name(), e);
        }
        SocketModeClient smc = sm.getClient();
        smc.addWebSocketMessageListener(message -> {
            if (isHello(message)) {
                hellos.release();
            }
        });
        this.client = smc;
        reconnector.watch(smc);
        this.socketModeApp = sm;
        LOG.info(
                "Slack Socket Mode link opening (team {}, app {})",
                settings.expectedTeamId(),
                settings.expectedApiAppId());
    }

    /**
     * Waits until the Socket Mode link is open now (its socket answers a ping), waking early when Slack's {@code hello}
     * arrives. This is the readiness signal: {@link #start()} returning means only that the link is being opened.
     *
     * @return true when connected within {@code timeout}
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketModeClient c = client;
            if (c != null && c.verifyConnection()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            hellos.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        }
    }

    /** Whether the link answers a ping now (blocks up to about 3 s when it does not). */
    public boolean isConnected() {
        SocketModeClient c = client;
        return c != null && c.verifyConnection();
    }

    /** Closes the link and stops the SDK's socket threads. Does not close the {@link SlackTransport}. */
    public synchronized void stop() {
        reconnector.close();
        SocketModeApp sm = socketModeApp;
        SocketModeClient c = client;
        socketModeApp = null;
        client = null;
        if (sm == null) {
            return;
        }
        try {
            sm.close();
        } catch (Exception e) {
            LOG.warn("Stopping the Socket Mode app failed: {}", e.getMessage());
        }
        closeQuietly(c);
    }

    /** Stops the SDK client's own threads (message processors, session monitor). */
    private static void closeQuietly(SocketModeClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing the Socket Mode client failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean isHello(String message) {
        if (message.length() > 4096 || !message.contains("hello")) {
            return false;
        }
        try {
            return "hello".equals(json.readTree(message).path("type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private void checkBotToken(Secret bot) {
        AuthTestResponse auth;
        try {
            auth = transport.slack().methods(bot.reveal()).authTest(r -> r);
        } catch (IOException e) {
            throw SlackStartupException.unreachable(settings.apiBaseUrl().toString(), e);
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 404) {
                throw SlackStartupException.wrongUrl(settings.apiBaseUrl().toString(), "auth.test", status);
            }
            throw SlackStartupException.rejected(bot.name(), "auth.test", "HTTP " + status);
        }
        if (!auth.isOk()) {
            throw SlackStartupException.rejected(bot.name(), "auth.test", String.valueOf(auth.getError()));
        }
        if (!settings.expectedTeamId().equals(auth.getTeamId())) {
            throw SlackStartupException.teamMismatch(bot.name(), auth.getTeamId(), settings.expectedTeamId());
        }
    }
}
