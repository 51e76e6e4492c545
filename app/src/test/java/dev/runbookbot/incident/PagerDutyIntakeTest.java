package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.intake.AlertRouter;
import dev.runbookbot.incident.intake.AlertRouting;
import dev.runbookbot.incident.intake.DurableAlertIntake;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.testing.InMemoryAlertLedger;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordedFixtures;
import dev.runbookbot.web.StoredDeliveryDecoder;
import dev.runbookbot.web.WebServer;
import dev.runbookbot.web.WebSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signed PagerDuty v3 webhooks (the zulip fixtures) through the bot's web server, durable intake and router: the
 * triggered incident runs the runbook mapped to its service once, however often PagerDuty retries it, and PagerDuty's
 * acknowledgement of the same incident acknowledges it here.
 */
class PagerDutyIntakeTest {
    private static final String SECRET = "pd-signing-secret";
    private static final MediaType JSON = MediaType.get("application/json");

    private final ManualClock clock = ManualClock.at("2021-06-04T13:56:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed =
            new IncidentTestBed(store, clock, IncidentTestBed.PAYMENTS.replace("PAYMENTS1", "PA2P440"));
    private final DurableAlertIntake intake = new DurableAlertIntake(
            store,
            new StoredDeliveryDecoder(),
            new AlertRouter(
                    bed.catalog(),
                    bed.service(),
                    store,
                    store,
                    new InMemoryAlertLedger(),
                    bed.chat(),
                    AlertRouting.defaults(),
                    i -> {}),
            Runnable::run,
            1,
            100);
    private final WebServer server = new WebServer(
                    WebSettings.defaults()
                            .withBind("127.0.0.1", 0)
                            .withPagerduty(List.of(new Secret("pd", SECRET)), Duration.ofHours(1)),
                    intake,
                    List.of(),
                    new Metrics(),
                    clock)
            .start();
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        server.close();
        bed.close();
        client.dispatcher().executorService().shutdown();
    }

    @Test
    void aTriggeredIncidentRunsItsRunbookOnceAndItsAcknowledgementStopsTheEscalation() throws IOException {
        String triggered = fixture("v3-incident.triggered.zulip.json");

        assertEquals(200, post(triggered, "wh-1"));
        assertEquals(200, post(triggered, "wh-1"), "PagerDuty's retry of the same webhook");

        Incident incident = Poll.until(
                "the PagerDuty incident", Duration.ofSeconds(10), () -> store.openIncidentByDedupKey("PFQZPSY"));
        assertEquals(IncidentSource.PAGERDUTY, incident.source());
        assertEquals(1, store.incidents(false, 10).size());

        String acknowledged = fixture("v3-incident.acknowledged.zulip.json").replace("PQ1K5C8", "PFQZPSY");
        assertEquals(200, post(acknowledged, "wh-2"));

        Incident after = Poll.until("the acknowledgement", Duration.ofSeconds(10), () -> store.incident(incident.id())
                .filter(i -> i.acknowledgement().isPresent()));
        assertEquals(Optional.empty(), after.escalationDeadline());
        assertTrue(
                bed.chat().calls().stream()
                        .anyMatch(c -> c.startsWith("note " + incident.id() + " Acknowledged in PagerDuty by PIG 208")),
                bed.chat().calls().toString());
    }

    private int post(String body, String webhookId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Request request = new Request.Builder()
                .url(server.baseUri().resolve("/webhooks/pagerduty").toString())
                .header("X-Webhook-Id", webhookId)
                .header("X-PagerDuty-Signature", "v1=" + hmac(bytes))
                .post(RequestBody.create(bytes, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            return response.code();
        }
    }

    private static String fixture(String name) {
        return RecordedFixtures.read(
                RecordedFixtures.root().resolve("pagerduty").resolve(name));
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
