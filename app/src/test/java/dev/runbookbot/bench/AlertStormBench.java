package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertRouter;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.incident.intake.DurableAlertIntake;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.store.JdbiAlertLedger;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.web.StoredDeliveryDecoder;
import dev.runbookbot.web.WebServer;
import dev.runbookbot.web.WebSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's alert storm: {@value #NOTIFICATIONS} Alertmanager notifications in {@value #SECONDS} s (evenly paced, from
 * 16 sender threads) against the in-process web server, durable intake and router, over a real SQLite store and the
 * real incident service. The notifications come from {@value #GROUPS} alert groups that grow to {@value #PER_GROUP}
 * alerts and are then re-sent with an alert left out or unchanged, as Alertmanager does, so the mix holds new alerts,
 * repeats of open alerts (new deliveries) and identical re-sends (duplicate deliveries).
 *
 * <p>Prints the webhook ack latency (request sent to 2xx received) p50/p95/p99/max, the answers by kind, the time until
 * every delivery was routed, and incidents created against distinct fingerprints. It checks only what must hold
 * whatever the machine (every notification acknowledged, every acknowledged delivery recorded and processed, one
 * incident per alert group), never a timing. Run with {@code mvn -B -Pbench verify -Dit.test=AlertStormBench}.
 */
class AlertStormBench {
    static final int NOTIFICATIONS = 1_000;
    static final int SECONDS = 10;
    static final int GROUPS = 50;
    static final int PER_GROUP = 6;
    private static final String TOKEN = "storm-t0ken";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String RUNBOOK = """
            id: storm
            name: Alert storm
            description: every AlertStorm alert
            severity: P3
            service: storm
            parameters:
              - name: instance
                fromLabel: instance
            triggers:
              - type: alert
                alertName: AlertStorm
            diagnostics:
              - id: latency
                name: Latency
                description: p99 latency in ms
                type: shell_command
                config: {argv: [echo, "95"]}
                interpret:
                  critical: "value >= 90.0"
                  healthy: "value < 90.0"
            decisionTree: []
            remediations: []
            escalation: {primary: "#storm"}
            """;

    @TempDir
    Path dir;

    record Notification(String body, String deliveryKey, List<String> fingerprints) {}

    @Test
    void aThousandNotificationsInTenSeconds() throws Exception {
        Clock clock = Clock.systemUTC();
        List<Notification> notifications = notifications(clock.instant().minusSeconds(60));
        Set<String> fingerprints =
                notifications.stream().flatMap(n -> n.fingerprints().stream()).collect(Collectors.toSet());
        Set<String> distinctDeliveries =
                notifications.stream().map(Notification::deliveryKey).collect(Collectors.toSet());

        try (SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(dir.resolve("storm.db")), clock);
                IncidentTestBed bed = new IncidentTestBed(new JdbiIncidentStore(database, clock), clock, RUNBOOK)) {
            ExecutorService workers = Executors.newFixedThreadPool(4);
            JdbiIncidentStore store = (JdbiIncidentStore) bed.store();
            AlertRouter router = new AlertRouter(
                    bed.catalog(),
                    bed.service(),
                    store,
                    store,
                    new JdbiAlertLedger(database),
                    bed.chat(),
                    AlertRouting.defaults(),
                    i -> {});
            DurableAlertIntake intake =
                    new DurableAlertIntake(store, new StoredDeliveryDecoder(), router, workers, 16, 10_000);
            WebServer server = new WebServer(
                            WebSettings.defaults()
                                    .withBind("127.0.0.1", 0)
                                    .withAlertmanagerBearerToken(new Secret("storm-token", TOKEN)),
                            intake,
                            List.of(),
                            new Metrics(),
                            clock)
                    .start();
            try {
                Storm storm = send(server, notifications);
                Instant sent = Instant.now();
                int[] sweeps = {0};
                Poll.until("every delivery routed", Duration.ofMinutes(5), () -> {
                    if (intake.queuedEvents() > 0) {
                        return Optional.empty();
                    }
                    if (store.unprocessedDeliveries(10).isEmpty()) {
                        return Optional.of(true);
                    }
                    // As the bot's alert-timers do every 30 s: a delivery whose routing failed (the store busy
                    // under load) is tried again, and given up after its last attempt.
                    intake.sweep();
                    sweeps[0]++;
                    return Optional.empty();
                });
                Duration drain = Duration.between(sent, Instant.now());
                int incidents = store.incidents(false, Integer.MAX_VALUE).size();

                Percentiles ack = Percentiles.of(storm.latenciesMs());
                Set<String> seen = new java.util.HashSet<>();
                List<Double> first = new ArrayList<>();
                List<Double> again = new ArrayList<>();
                for (int i = 0; i < notifications.size(); i++) {
                    (seen.add(notifications.get(i).deliveryKey()) ? first : again).add(storm.latenciesMs()[i]);
                }
                System.out.println(String.format(
                        Locale.ROOT,
                        "AlertStormBench: %d notifications in %.1f s (%d distinct deliveries, %d distinct"
                                + " fingerprints)%n  webhook ack: %s%n    first delivery (written): %s%n    re-sent"
                                + " delivery: %s%n  answers: %s%n  all routed %d ms after the last ack%n  incidents"
                                + " created: %d (distinct fingerprints: %d)%n  sweeps (rounds that found deliveries recorded, none queued, some not routed): %d",
                        NOTIFICATIONS,
                        storm.seconds(),
                        distinctDeliveries.size(),
                        fingerprints.size(),
                        ack.format("ms"),
                        Percentiles.of(first.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .toArray())
                                .format("ms"),
                        Percentiles.of(again.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .toArray())
                                .format("ms"),
                        storm.answers(),
                        drain.toMillis(),
                        incidents,
                        fingerprints.size(),
                        sweeps[0]));

                assertEquals(Map.of(200, NOTIFICATIONS), storm.answers(), "every notification acknowledged");
                for (String key : distinctDeliveries) {
                    assertTrue(
                            store.recordDelivery(key, "x", "")
                                    .value()
                                    .processedAt()
                                    .isPresent(),
                            "acknowledged and processed: " + key);
                }
                assertEquals(GROUPS, incidents, "one incident per Alertmanager group, however many alerts it has");
            } finally {
                server.close();
                intake.close();
                workers.shutdown();
                workers.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    record Storm(double[] latenciesMs, Map<Integer, Integer> answers, double seconds) {}

    private static Storm send(WebServer server, List<Notification> notifications) throws InterruptedException {
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(new okhttp3.Dispatcher())
                .callTimeout(Duration.ofSeconds(30))
                .build();
        client.dispatcher().setMaxRequestsPerHost(64);
        String url = server.baseUri().resolve("/webhooks/alertmanager").toString();
        // Warm up the connection pool and the server's code paths with one notification not counted.
        post(client, url, AlertmanagerPayloads.group("{}:{warmup}", List.of(), Instant.now()));
        double[] latencies = new double[notifications.size()];
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(notifications.size());
        long spacingNanos = TimeUnit.SECONDS.toNanos(SECONDS) / notifications.size();
        long start = System.nanoTime();
        for (int i = 0; i < notifications.size(); i++) {
            int n = i;
            pacer.schedule(
                    () -> senders.execute(() -> {
                        long t0 = System.nanoTime();
                        int code = post(client, url, notifications.get(n).body());
                        latencies[n] = (System.nanoTime() - t0) / 1e6;
                        answers.merge(code, 1, Integer::sum);
                        done.countDown();
                    }),
                    n * spacingNanos,
                    TimeUnit.NANOSECONDS);
        }
        done.await(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        pacer.shutdown();
        senders.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        return new Storm(latencies, new java.util.TreeMap<>(answers), seconds);
    }

    private static int post(OkHttpClient client, String url, String body) {
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            return response.code();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * Each group's k-th notification: alerts 0..k while the group grows; then, as Alertmanager re-sends a changing
     * group, alternately all {@value #PER_GROUP} alerts (the same body again: a duplicate delivery), all but the first
     * and all but the last (new deliveries whose alerts are all open already).
     */
    private static List<Notification> notifications(Instant startsAt) {
        int perGroup = NOTIFICATIONS / GROUPS;
        List<Notification> out = new ArrayList<>();
        for (int k = 0; k < perGroup; k++) {
            for (int g = 0; g < GROUPS; g++) {
                List<Map<String, String>> alerts = new ArrayList<>();
                int from = 0;
                int to = Math.min(k, PER_GROUP - 1);
                if (k >= PER_GROUP) {
                    switch (k % 3) {
                        case 1 -> from = 1;
                        case 2 -> to = PER_GROUP - 2;
                        default -> {}
                    }
                }
                for (int i = from; i <= to; i++) {
                    alerts.add(AlertmanagerPayloads.labels("AlertStorm", "group", "g" + g, "instance", "i" + i));
                }
                String body = AlertmanagerPayloads.group("{}:{group=\"g" + g + "\"}", alerts, startsAt);
                MappedDelivery mapped = AlertmanagerPayloads.mapped(body);
                out.add(new Notification(
                        body,
                        mapped.deliveryKey(),
                        mapped.events().stream().map(AlertEvent::dedupKey).toList()));
            }
        }
        return out;
    }
}
