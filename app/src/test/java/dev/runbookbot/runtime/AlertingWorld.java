package dev.runbookbot.runtime;

import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * What a bot that takes alerts runs against in the tests: a {@link FakeSlack} with the runbook's channels (C111 its
 * primary, C222 its escalation secondary, C333 the fallback for alerts without a runbook), a MockWebServer whose
 * payments health check fails (so every diagnosis finds something), the runbook of {@code alerts-runbooks/} and the
 * environment {@code runbookctl bot} reads, with an Alertmanager bearer token given as a secret. Close it.
 */
final class AlertingWorld implements AutoCloseable {
    static final String PRIMARY = "C111";
    static final String SECONDARY = "C222";
    static final String FALLBACK = "C333";
    static final String TOKEN = "alertmanager-t0ken";
    private static final MediaType JSON = MediaType.get("application/json");

    final FakeSlack slack;
    final MockWebServer services = new MockWebServer();
    final Path runbooks;
    final Path database;
    private final OkHttpClient client = new OkHttpClient();

    AlertingWorld(Path dir) throws IOException {
        this.slack = FakeSlack.start();
        try {
            slack.addChannel(FakeChannel.publicWithBot(SECONDARY, "sre-escalation"));
            slack.addChannel(FakeChannel.publicWithBot(FALLBACK, "alerts-unrouted"));
            services.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
                @Override
                public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                    return new MockResponse().setResponseCode(503).setBody("{\"status\":\"down\"}");
                }
            });
            services.start(InetAddress.getByName("127.0.0.1"), 0);
            this.runbooks = Files.createDirectories(dir.resolve("runbooks"));
            try (InputStream in = AlertingWorld.class.getResourceAsStream("/alerts-runbooks/payments-slow.yaml")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(
                        runbooks.resolve("payments-slow.yaml"),
                        text.replace("@BASE@", "http://127.0.0.1:" + services.getPort()));
            }
            this.database = dir.resolve("bot.db");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The environment of a bot against this world, its web server on {@code webPort} (0: any free port). */
    Map<String, String> env(int webPort) {
        Map<String, String> env = new HashMap<>(BotUnderTest.env(slack, runbooks, database));
        env.put("RUNBOOK_WEB_PORT", Integer.toString(webPort));
        env.put("RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "alertmanager-token");
        env.put("RUNBOOK_SECRET_ALERTMANAGER_TOKEN", TOKEN);
        env.put("RUNBOOK_ALERT_FALLBACK_CHANNEL", FALLBACK);
        env.put("RUNBOOK_ESCALATION_CHECK_EVERY", "1s");
        return env;
    }

    /** Posts an Alertmanager webhook body to a bot listening on {@code port}; returns the HTTP status. */
    int postAlertmanager(int port, String body) throws IOException {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + port + "/webhooks/alertmanager")
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            return response.code();
        }
    }

    /** GETs a path of a bot listening on {@code port}: the status and the body. */
    String get(int port, String path) throws IOException {
        Request request =
                new Request.Builder().url("http://127.0.0.1:" + port + path).build();
        try (Response response = client.newCall(request).execute()) {
            return response.code() + "\n" + response.body().string();
        }
    }

    /** Deliveries recorded in the bot's database and not yet processed, read from the file as another process would. */
    int unprocessedDeliveries() {
        try (SqliteDatabase db = SqliteDatabase.openReadOnly(StoreOptions.at(database))) {
            return db.read(h -> h.createQuery("SELECT count(*) FROM inbound_event WHERE processed_ms IS NULL")
                    .mapTo(Integer.class)
                    .one());
        }
    }

    /** The parent messages the bot posted in {@code channel} (not thread replies), oldest first. */
    List<PostedMessage> parents(String channel) {
        return slack.messages(channel).stream()
                .filter(m -> m.threadTs() == null && m.byBot())
                .toList();
    }

    /** The replies in the thread under {@code parentTs}. */
    List<PostedMessage> replies(String channel, String parentTs) {
        return slack.messages(channel).stream()
                .filter(m -> parentTs.equals(m.threadTs()))
                .toList();
    }

    @Override
    public void close() throws IOException {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        services.shutdown();
        slack.close();
    }
}
