package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
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
import dev.runbookbot.testing.AlertmanagerServer;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.web.StoredDeliveryDecoder;
import dev.runbookbot.web.WebServer;
import dev.runbookbot.web.WebSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's, repeat_interval 2 s) sends to the bot's web server, durable intake and router over a
 * SQLite file and the real incident service: one incident per alert however often Alertmanager repeats it, resolved
 * when the alert resolves, and a new, linked incident when it fires again.
 */
class AlertmanagerIncidentIT {
    private static final String TOKEN = "it-t0ken";
    private static final Duration WAIT = Duration.ofSeconds(45);

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Metrics metrics = new Metrics();

    @TempDir
    Path dir;

    private SqliteDatabase database;
    private IncidentTestBed bed;
    private JdbiIncidentStore store;
    private DurableAlertIntake intake;
    private WebServer server;
    private AlertmanagerServer alertmanager;

    @BeforeEach
    void start() {
        database = SqliteDatabase.open(StoreOptions.at(dir.resolve("bot.db")), clock);
        store = new JdbiIncidentStore(database, clock);
        bed = new IncidentTestBed(store, clock);
        AlertRouter router = new AlertRouter(
                bed.catalog(),
                bed.service(),
                store,
                store,
                new JdbiAlertLedger(database),
                bed.chat(),
                AlertRouting.defaults(),
                i -> {});
        intake = new DurableAlertIntake(store, new StoredDeliveryDecoder(), router, workers, 4, 1_000);
        server = new WebServer(
                        WebSettings.defaults()
                                .withBind("127.0.0.1", 0)
                                .withAlertmanagerBearerToken(new Secret("am-token", TOKEN)),
                        intake,
                        List.of(),
                        metrics,
                        clock)
                .start();
    }

    @AfterEach
    void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        server.close();
        intake.close();
        workers.shutdownNow();
        bed.close();
        database.close();
    }

    @Test
    void oneIncidentPerAlertResolvedWhenTheAlertResolvesAndANewOneWhenItFiresAgain() throws IOException {
        alertmanager = AlertmanagerServer.withBearerToken(server.baseUri().resolve("/webhooks/alertmanager"), TOKEN);
        Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-1", "env", "prod");
        String fingerprint = AlertFingerprint.of(labels);
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        Incident first =
                Poll.until("the incident of the firing alert", WAIT, () -> store.openIncidentByDedupKey(fingerprint));
        assertEquals("prod", first.environment());
        // repeat_interval is 2 s: wait until Alertmanager has repeated the notification twice (duplicate deliveries).
        Poll.until("two repeat notifications", WAIT, () -> duplicates() >= 2 ? Optional.of(true) : Optional.empty());
        alertmanager.postAlerts(alert(labels, startsAt, Optional.empty()));

        assertEquals(1, incidentsFor(fingerprint).size(), "repeats open nothing: " + incidentsFor(fingerprint));

        alertmanager.postAlerts(
                alert(labels, startsAt, Optional.of(Instant.now().minusSeconds(1))));
        Poll.until("the incident resolved", WAIT, () -> store.incident(first.id())
                .filter(i -> i.state() == IncidentState.RESOLVED));
        assertTrue(
                bed.chat().calls().stream()
                        .anyMatch(c -> c.startsWith("note " + first.id() + " Resolved by Alertmanager")),
                bed.chat().calls().toString());

        Instant again = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        alertmanager.postAlerts(alert(labels, again, Optional.empty()));
        Incident second =
                Poll.until("a new incident for the new firing", WAIT, () -> store.openIncidentByDedupKey(fingerprint));
        assertEquals(Optional.of(first.id()), second.previousIncident());
        assertEquals(2, incidentsFor(fingerprint).size());
        // the thread is opened after the incident is stored: wait for it before counting
        Poll.until("the thread of the new incident", WAIT, () -> threads() >= 2 ? Optional.of(true) : Optional.empty());
        assertEquals(2, threads(), "one thread per incident: " + bed.chat().calls());
    }

    private long threads() {
        return bed.chat().calls().stream()
                .filter(c -> c.startsWith("openThread #inc-payments"))
                .count();
    }

    private double duplicates() {
        String prefix = "runbook_webhooks_received_total{outcome=\"duplicate\",source=\"alertmanager\"} ";
        return new String(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .sum();
    }

    private List<Incident> incidentsFor(String fingerprint) {
        return store.incidents(false, 100).stream()
                .filter(i -> i.dedupKey().equals(Optional.of(fingerprint)))
                .toList();
    }

    private String alert(Map<String, String> labels, Instant startsAt, Optional<Instant> endsAt) throws IOException {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "p99 latency high on " + labels.get("instance")));
        alert.put("startsAt", startsAt.toString());
        endsAt.ifPresent(end -> alert.put("endsAt", end.toString()));
        alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=x");
        return json.writeValueAsString(List.of(alert));
    }
}
