package dev.runbookbot.runtime;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.config.Settings;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordingRemediator;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.FakeUser;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The whole bot, started in-process through {@link BotRuntime} as {@code runbookctl bot} starts it, against a {@link
 * FakeSlack}, a temporary SQLite file, the test runbooks of {@code slackflow-runbooks/} and a MockWebServer that their
 * http_checks read (payments and checkout unhealthy, the database healthy). Remediations go to a {@link
 * RecordingRemediator}; the clock is a {@link ManualClock}. Users: U111 alice and U222 bob (approvers of checkout-down;
 * U222 is also a configured approver), U333 carol (approver through the user group S100), U444 dave (nobody).
 */
public final class BotUnderTest implements AutoCloseable {
    static final String CHANNEL = "C111";
    /** A channel that only tests which set {@code RUNBOOK_ALERT_FALLBACK_CHANNEL} to it use. */
    static final String FALLBACK = "C999";

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String[] RUNBOOKS = {"payments-slow.yaml", "checkout-down.yaml", "team-notice.yaml"};

    public final FakeSlack slack;
    final MockWebServer services = new MockWebServer();
    final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    final AtomicReference<RecordingRemediator> remediator = new AtomicReference<>();
    final Map<String, AtomicInteger> serviceRequests = new ConcurrentHashMap<>();
    /** HTTP statuses a test sets for paths of the services (answered with an empty JSON body), before the defaults. */
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** Held closed, the payments health check does not answer until it opens. */
    volatile CountDownLatch paymentsGate = new CountDownLatch(0);

    private final Settings settings;
    volatile BotRuntime bot;

    /** Whether remediations go through the bot's real pipeline instead of the recording double. */
    private final boolean realRemediation;

    public BotUnderTest(Path dir) throws IOException, InterruptedException {
        this(dir, false);
    }

    /**
     * @param realRemediation true for the bot's own remediation pipeline (only runbooks whose actions stay inside the
     *     fake Slack may then be run), false for the {@link RecordingRemediator}
     */
    public BotUnderTest(Path dir, boolean realRemediation) throws IOException, InterruptedException {
        this(dir, realRemediation, Map.of(), directory -> {});
    }

    /**
     * @param extraEnv settings added to (or replacing) those of {@link #env}
     * @param beforeStart changes the runbook directory (already written) before the bot first starts
     */
    public BotUnderTest(
            Path dir,
            boolean realRemediation,
            Map<String, String> extraEnv,
            java.util.function.Consumer<Path> beforeStart)
            throws IOException, InterruptedException {
        this.realRemediation = realRemediation;
        this.slack = FakeSlack.start();
        try {
            slack.addChannel(dev.runbookbot.testing.slack.FakeChannel.publicWithBot(FALLBACK, "runbook-bot-admin"));
            slack.addUser(FakeUser.human("U333", slack.home().teamId(), "carol"));
            slack.addUser(FakeUser.human("U444", slack.home().teamId(), "dave"));
            slack.addUsergroup("S100", "U333");
            services.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    String path = request.getPath() == null ? "" : request.getPath();
                    serviceRequests
                            .computeIfAbsent(path, p -> new AtomicInteger())
                            .incrementAndGet();
                    Integer status = statuses.get(path);
                    if (status != null) {
                        return new MockResponse().setResponseCode(status).setBody("{}");
                    }
                    return switch (path) {
                        case "/payments/health" -> {
                            paymentsGate.await(30, TimeUnit.SECONDS);
                            yield new MockResponse()
                                    .setResponseCode(503)
                                    .setBody("{\"status\":\"down\",\"detail\":\"<!channel> pool exhausted\"}");
                        }
                        case "/db/health" -> new MockResponse().setBody("{\"status\":\"ok\"}");
                        default -> new MockResponse().setResponseCode(503).setBody("down");
                    };
                }
            });
            services.start(InetAddress.getByName("127.0.0.1"), 0);
            Path runbooks = writeRunbooks(dir.resolve("runbooks"), "http://127.0.0.1:" + services.getPort());
            beforeStart.accept(runbooks);
            Map<String, String> env = env(slack, runbooks, dir.resolve("bot.db"));
            env.putAll(extraEnv);
            this.settings = Settings.load(Optional.empty(), env);
            this.bot = startBot();
            slack.awaitConnection();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The test runbooks in {@code directory}, their http_checks aimed at {@code base}. */
    static Path writeRunbooks(Path directory, String base) throws IOException {
        Files.createDirectories(directory);
        for (String name : RUNBOOKS) {
            try (InputStream in = BotUnderTest.class.getResourceAsStream("/slackflow-runbooks/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(directory.resolve(name), text.replace("@BASE@", base));
            }
        }
        return directory;
    }

    /** What {@code runbookctl bot} would read from the environment to run against {@code slack}. */
    static Map<String, String> env(FakeSlack slack, Path runbooks, Path database) {
        Map<String, String> env = new HashMap<>();
        env.put("RUNBOOK_DIR", runbooks.toString());
        env.put("RUNBOOK_DB", database.toString());
        env.put("RUNBOOK_WEB_PORT", "0"); // the webhook server on a free port, so bots in parallel tests never clash
        env.put("RUNBOOK_ENVIRONMENT", "production");
        env.put("RUNBOOK_APPROVERS", "U222,S100");
        env.put("SLACK_BOT_TOKEN", slack.botToken());
        env.put("SLACK_APP_TOKEN", slack.appToken());
        env.put("SLACK_API_URL", slack.apiUrl().toString());
        env.put("SLACK_TEAM_ID", slack.home().teamId());
        env.put("SLACK_APP_ID", slack.home().apiAppId());
        return env;
    }

    private BotRuntime startBot() throws InterruptedException {
        BotRuntime.Builder builder = BotRuntime.builder(settings)
                .clock(clock)
                .ticker(clock.ticker())
                .chatUpdateInterval(Duration.ofMillis(200));
        if (!realRemediation) {
            builder.remediator(store -> {
                RecordingRemediator recording = new RecordingRemediator(store);
                remediator.set(recording);
                return recording;
            });
        }
        BotRuntime started = builder.build();
        started.start();
        if (!started.awaitReady(WAIT)) {
            started.stop();
            throw new AssertionError("the bot did not connect to the fake Slack\n" + slack.log());
        }
        return started;
    }

    /** Stops the bot, lets {@code whileStopped} change the world (the database file, say), and starts it again. */
    void restart(Runnable whileStopped) throws InterruptedException {
        bot.stop();
        whileStopped.run();
        int connections = slack.connections().size();
        bot = startBot();
        slack.awaitConnectionCount(connections + 1);
    }

    Path database() {
        return settings.databasePath();
    }

    public SentEnvelope command(String text, String userId) {
        return slack.sendSlashCommand("/runbook", text, userId, CHANNEL);
    }

    /** The {@code n}-th top-level message the bot posted in the channel (1 = first): an incident's parent. */
    public PostedMessage awaitParent(int n) {
        return Poll.until("parent message " + n, WAIT, () -> {
            List<PostedMessage> parents = slack.messages(CHANNEL).stream()
                    .filter(m -> m.byBot() && m.threadTs() == null)
                    .toList();
            return parents.size() >= n ? Optional.of(parents.get(n - 1)) : Optional.empty();
        });
    }

    /** The bot's reply in {@code parent}'s thread whose text contains {@code text}, as it is now. */
    public PostedMessage awaitInThread(PostedMessage parent, String text) {
        return awaitInThread(parent, m -> m.allText().contains(text), "a reply containing '" + text + "'");
    }

    public PostedMessage awaitInThread(PostedMessage parent, Predicate<PostedMessage> wanted, String what) {
        return Poll.until(what + " in the thread of " + parent.ts(), WAIT, () -> slack.messages(CHANNEL).stream()
                .filter(m -> parent.ts().equals(m.threadTs()) && wanted.test(m))
                .findFirst());
    }

    /** Waits until the message, as last posted or updated, satisfies {@code wanted}; returns that version. */
    PostedMessage awaitVersion(PostedMessage message, Predicate<PostedMessage> wanted, String what) {
        return Poll.until(what + " (message " + message.ts() + ")", WAIT, () -> slack.message(message.ts())
                .filter(wanted));
    }

    /** Waits for a timeline entry of {@code incident} whose summary contains {@code text}. */
    TimelineEvent awaitTimeline(IncidentId incident, String text) {
        return Poll.until(
                "timeline entry '" + text + "' of " + incident, WAIT, () -> bot.records().timeline(incident).stream()
                        .filter(e -> e.summary().contains(text))
                        .findFirst());
    }

    /** The ephemeral answer to {@code envelope} (through its response_url) or to {@code userId} (postEphemeral). */
    public String awaitEphemeral(SentEnvelope envelope, String userId) {
        return Poll.until("an answer only " + userId + " sees", WAIT, () -> {
            Optional<String> viaUrl = slack.responseUrlPosts().stream()
                    .filter(p -> p.envelopeId().equals(envelope.envelopeId()))
                    .map(p -> p.text())
                    .findFirst();
            if (viaUrl.isPresent()) {
                return viaUrl;
            }
            return slack.ephemerals().stream()
                    .filter(e -> e.userId().equals(userId))
                    .map(e -> e.text())
                    .findFirst();
        });
    }

    /** The runbook directory the bot serves. */
    Path runbooks() {
        return settings.runbooksDir();
    }

    /** The body of {@code GET path} on the bot's web server (health, readiness, metrics). */
    String get(String path) throws IOException {
        okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
        try (okhttp3.Response response = client.newCall(new okhttp3.Request.Builder()
                        .url("http://127.0.0.1:" + bot.webPort() + path)
                        .build())
                .execute()) {
            return response.code() + "\n" + response.body().string();
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    RecordingRemediator remediator() {
        return remediator.get();
    }

    List<RecordedCall> posts() {
        return slack.calls("chat.postMessage");
    }

    @Override
    public void close() {
        paymentsGate.countDown();
        try {
            if (bot != null) {
                bot.stop();
            }
        } finally {
            try {
                services.shutdown();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                slack.close();
            }
        }
    }
}
