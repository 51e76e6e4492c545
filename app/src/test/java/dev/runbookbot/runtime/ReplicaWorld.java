package dev.runbookbot.runtime;

import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.replica.LeaseGrant;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiLeases;
import dev.runbookbot.store.PostgresDatabase;
import dev.runbookbot.store.PostgresStoreSettings;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.PostgresDatabases;
import dev.runbookbot.testing.PostgresServer;
import dev.runbookbot.testing.slack.EnvelopeSpread;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.FakeSlack;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jdbi.v3.core.Handle;

/**
 * What the bot's replicas run against in the multi-replica tests: one {@link FakeSlack} that spreads envelopes over
 * the replicas' connections in turn, one store (a PostgreSQL server of the test's own, or one SQLite file), the {@code replicas-runbooks/} runbook, and a MockWebServer for its
 * diagnostic ({@code /payments/health}, always unhealthy) and its remediation ({@code /payments/restart}). Either path
 * can be held: its requests then wait until released, so a test knows a diagnosis or a remediation is under way (the
 * request arrived) before it kills the replica doing it. Every request is counted per path. Close it.
 */
final class ReplicaWorld implements AutoCloseable {
    /** The store the replicas share. */
    enum Store {
        POSTGRESQL,
        SQLITE
    }

    static final String PRIMARY = "C111";
    static final String TOKEN = "alertmanager-t0ken";
    static final String HEALTH = "/payments/health";
    static final String RESTART = "/payments/restart";
    private static final MediaType JSON = MediaType.get("application/json");

    final FakeSlack slack;
    final MockWebServer services = new MockWebServer();
    final Path runbooks;
    /** The SQLite file the replicas would use; with PostgreSQL it must never appear. */
    final Path database;

    private final Store store;
    private final Optional<PostgresDatabases> postgres;
    private final Optional<PostgresStoreSettings> postgresSettings;
    private final Optional<PostgresDatabase> reader;
    private final OkHttpClient client = new OkHttpClient();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    ReplicaWorld(Path dir, Store store) throws IOException, InterruptedException {
        this.store = store;
        this.database = dir.resolve("bot.db");
        this.postgres = store == Store.POSTGRESQL ? Optional.of(PostgresDatabases.start()) : Optional.empty();
        this.postgresSettings = postgres.map(PostgresDatabases::fresh);
        this.reader = postgresSettings.map(settings ->
                PostgresDatabase.open(settings, postgres.orElseThrow().password(), Clock.systemUTC()));
        this.slack = FakeSlack.start();
        try {
            slack.addChannel(FakeChannel.publicWithBot("C222", "sre-escalation"));
            slack.spreadEnvelopes(EnvelopeSpread.ROUND_ROBIN);
            services.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    String path = request.getPath() == null ? "" : request.getPath();
                    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    CountDownLatch gate = held.get(path);
                    if (gate != null) {
                        gate.await(120, TimeUnit.SECONDS);
                    }
                    return path.equals(RESTART)
                            ? new MockResponse().setBody("{\"restarted\":true}")
                            : new MockResponse().setResponseCode(503).setBody("{\"status\":\"down\"}");
                }
            });
            services.start(InetAddress.getByName("127.0.0.1"), 0);
            this.runbooks = Files.createDirectories(dir.resolve("runbooks"));
            try (InputStream in = getClass().getResourceAsStream("/replicas-runbooks/payments-replicas.yaml")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(
                        runbooks.resolve("payments-replicas.yaml"),
                        text.replace("@BASE@", "http://127.0.0.1:" + services.getPort()));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The environment of a replica whose web server listens on {@code webPort}. */
    Map<String, String> env(int webPort) {
        Map<String, String> env = new HashMap<>(BotUnderTest.env(slack, runbooks, database));
        postgresSettings.ifPresent(settings -> {
            env.remove("RUNBOOK_DB");
            env.put("RUNBOOK_STORE_URL", settings.url());
            env.put("RUNBOOK_STORE_USER", PostgresServer.SUPERUSER);
            env.put("RUNBOOK_STORE_PASSWORD_SECRET", PostgresDatabases.PASSWORD_SECRET);
            env.put(
                    "RUNBOOK_SECRET_STORE_PASSWORD",
                    postgres.orElseThrow().server().superuserPassword());
        });
        env.put("RUNBOOK_WEB_PORT", Integer.toString(webPort));
        env.put("RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "alertmanager-token");
        env.put("RUNBOOK_SECRET_ALERTMANAGER_TOKEN", TOKEN);
        env.put("RUNBOOK_ESCALATION_CHECK_EVERY", "1s");
        return env;
    }

    /** From now on requests to {@code path} wait until {@link #release}. */
    void hold(String path) {
        held.put(path, new CountDownLatch(1));
    }

    void release(String path) {
        CountDownLatch gate = held.remove(path);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** How many requests reached {@code path} so far (held ones included). */
    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** Posts an Alertmanager webhook body to a replica listening on {@code port}; returns the HTTP status. */
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

    /** GETs a path of a replica listening on {@code port}: the status and the body. */
    String get(int port, String path) throws IOException {
        Request request =
                new Request.Builder().url("http://127.0.0.1:" + port + path).build();
        try (Response response = client.newCall(request).execute()) {
            return response.code() + "\n" + response.body().string();
        }
    }

    /** Reads the incident record as another process would. */
    <T> T records(Function<? super IncidentQueries, ? extends T> query) {
        if (reader.isPresent()) {
            return query.apply(new JdbiIncidentStore(reader.get(), Clock.systemUTC()));
        }
        return JdbiIncidentQueries.readOnly(database, query);
    }

    Store store() {
        return store;
    }

    /** Runs a read-only SQL query on the store as another process would. */
    <T> T sql(Function<Handle, T> query) {
        if (reader.isPresent()) {
            return reader.get().read(query);
        }
        try (SqliteDatabase db = SqliteDatabase.openReadOnly(StoreOptions.at(database))) {
            return db.read(query);
        }
    }

    /** Deliveries recorded and not yet processed. */
    int unprocessedDeliveries() {
        return sql(h -> h.createQuery("SELECT count(*) FROM inbound_event WHERE processed_ms IS NULL")
                .mapTo(Integer.class)
                .one());
    }

    /** A lease as the store holds it now: its holder, token and how long it stays valid by the store's clock. */
    Optional<LeaseGrant> lease(String name) {
        if (reader.isPresent()) {
            return new JdbiLeases(reader.get()).current(name);
        }
        try (SqliteDatabase db = SqliteDatabase.openReadOnly(StoreOptions.at(database))) {
            return new JdbiLeases(db).current(name);
        }
    }

    /** The holder of an incident's diagnosis claim. */
    Optional<String> claimHolder(long incidentId) {
        return sql(h -> h.createQuery("SELECT holder FROM diagnosis_claim WHERE incident_id = :id")
                .bind("id", incidentId)
                .mapTo(String.class)
                .findOne());
    }

    /** The process id inside a replica id ({@code bot-<host>-<pid>-<random>}). */
    static long pidOf(String replicaId) {
        String[] parts = replicaId.split("-");
        return Long.parseLong(parts[parts.length - 2]);
    }

    List<dev.runbookbot.testing.slack.PostedMessage> replies(String parentTs) {
        return slack.messages(PRIMARY).stream()
                .filter(m -> parentTs.equals(m.threadTs()))
                .toList();
    }

    @Override
    public void close() throws IOException {
        held.values().forEach(CountDownLatch::countDown);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        services.shutdown();
        slack.close();
        reader.ifPresent(PostgresDatabase::close);
        postgres.ifPresent(PostgresDatabases::close);
    }
}
