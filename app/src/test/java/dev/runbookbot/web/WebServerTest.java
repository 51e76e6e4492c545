package dev.runbookbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.intake.AlertEvent;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.IntakeResult;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.testing.LogCapture;
import dev.runbookbot.testing.RecordedFixtures;
import dev.runbookbot.testing.RecordingAlertIntake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes over real HTTP on 127.0.0.1, with a recording fake intake behind them. */
class WebServerTest {
    private static final String TOKEN = "am-t0ken-5ecret-value";
    private static final String BASIC_USER = "alertmanager";
    private static final String BASIC_PASSWORD = "b4sic-pa55word-value";
    private static final String PD_SECRET = "pd-signing-5ecret-current";
    private static final String PD_NEXT_SECRET = "pd-signing-5ecret-next";
    private static final MediaType JSON = MediaType.get("application/json");
    /** One hour after the PagerDuty fixtures' events (2021-06-04 13:16 to 13:55 UTC). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2021-06-04T14:00:00Z"), ZoneOffset.UTC);

    private final OkHttpClient client = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();
    private final RecordingAlertIntake intake = new RecordingAlertIntake();
    private final Metrics metrics = new Metrics();
    private final AtomicBoolean slackConnected = new AtomicBoolean(true);
    private final List<WebServer> servers = new ArrayList<>();
    private LogCapture logs;
    private WebServer server;

    private final WebSettings settings = WebSettings.defaults()
            .withBind("127.0.0.1", 0)
            .withAlertmanagerBearerToken(new Secret("am-token", TOKEN))
            .withAlertmanagerBasicAuth(BASIC_USER, new Secret("am-basic", BASIC_PASSWORD))
            .withPagerduty(
                    List.of(new Secret("pd", PD_SECRET), new Secret("pd-next", PD_NEXT_SECRET)), Duration.ofHours(1));

    @BeforeEach
    void start() {
        logs = LogCapture.of("dev.runbookbot");
        server = start(settings);
    }

    @AfterEach
    void stop() {
        servers.forEach(WebServer::close);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        logs.assertNoneContains(TOKEN, BASIC_PASSWORD, PD_SECRET, PD_NEXT_SECRET);
        logs.close();
    }

    private WebServer start(WebSettings webSettings) {
        WebServer started = new WebServer(
                        webSettings,
                        intake,
                        List.of(
                                ReadinessCheck.of("store writable", () -> true),
                                ReadinessCheck.of("slack socket connected", slackConnected::get)),
                        metrics,
                        CLOCK)
                .start();
        servers.add(started);
        return started;
    }

    // --- Alertmanager -------------------------------------------------------------------------------------------

    @Test
    void alertmanagerWithoutCredentialsIsRefused() throws IOException {
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), null)) {
            assertEquals(401, response.code());
            assertEquals("missing or wrong credentials\n", response.body().string());
            assertEquals(
                    List.of("Bearer realm=\"runbook-bot\"", "Basic realm=\"runbook-bot\", charset=\"UTF-8\""),
                    response.headers("WWW-Authenticate"));
        }
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void alertmanagerWithAWrongCredentialIsRefused() throws IOException {
        for (String authorization : List.of(
                "Bearer wrong-token",
                "Bearer " + TOKEN + "x",
                "Bearer",
                TOKEN,
                "Token " + TOKEN,
                Credentials.basic(BASIC_USER, "wrong"),
                Credentials.basic("someone", BASIC_PASSWORD),
                Credentials.basic(BASIC_USER, TOKEN),
                "Basic not-base64!")) {
            try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), authorization)) {
                assertEquals(401, response.code(), authorization.replace(TOKEN, "<token>"));
            }
        }
        assertEquals(List.of(), intake.calls());
        assertTrue(scrape().contains(
                        "runbook_webhooks_refused_total{reason=\"unauthorized\",source=\"alertmanager\"}" + " 9.0"));
    }

    @Test
    void alertmanagerWithTheBearerTokenIsAcceptedAndRecorded() throws IOException {
        byte[] body = alertmanagerFixture();
        try (Response response = post(server, "/webhooks/alertmanager", body, "Bearer " + TOKEN)) {
            assertEquals(200, response.code());
            assertEquals("accepted 1 alert(s)\n", response.body().string());
        }
        RecordingAlertIntake.Call call = intake.calls().get(0);
        assertEquals(IntakeResult.ACCEPTED, call.result());
        assertEquals(new String(body, StandardCharsets.UTF_8), call.rawBody());
        assertTrue(call.deliveryKey().startsWith("alertmanager:"), call.deliveryKey());
        AlertEvent event = call.events().get(0);
        assertEquals("9c6fb5aaaa4f2c60", event.dedupKey());
        assertEquals(AlertStatus.FIRING, event.status());
        assertEquals("PaymentsDbConnectionsHigh", event.alertName());
    }

    @Test
    void alertmanagerWithBasicAuthIsAccepted() throws IOException {
        try (Response response = post(
                server,
                "/webhooks/alertmanager",
                alertmanagerFixture(),
                Credentials.basic(BASIC_USER, BASIC_PASSWORD))) {
            assertEquals(200, response.code());
        }
        // The scheme is case-insensitive (RFC 7235).
        try (Response response =
                post(server, "/webhooks/alertmanager", alertmanagerFixture("resolved"), "bearer " + TOKEN)) {
            assertEquals(200, response.code());
        }
        assertEquals(2, intake.acceptedEvents().size());
    }

    @Test
    void withoutAConfiguredCredentialEveryAlertmanagerRequestIsRefused() throws IOException {
        WebServer open = start(WebSettings.defaults().withBind("127.0.0.1", 0));
        try (Response response = post(open, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(401, response.code());
            assertEquals(
                    "no Alertmanager credential is configured, so every request is refused\n",
                    response.body().string());
        }
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void aRepeatedAlertmanagerDeliveryIsADuplicateAnswered200() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
                assertEquals(200, response.code());
                assertEquals(
                        i == 0 ? "accepted 1 alert(s)\n" : "duplicate delivery, already recorded\n",
                        response.body().string());
            }
        }
        assertEquals(
                List.of(IntakeResult.ACCEPTED, IntakeResult.DUPLICATE, IntakeResult.DUPLICATE),
                intake.calls().stream().map(RecordingAlertIntake.Call::result).toList());
        assertEquals(
                1,
                intake.calls().stream()
                        .map(RecordingAlertIntake.Call::deliveryKey)
                        .distinct()
                        .count());
    }

    @Test
    void aByteIdenticalResendIsAnsweredFromTheKeyTheIntakeKnowsWithoutMappingItAgain() throws IOException {
        intake.answerKnownKeys(true);
        byte[] body = alertmanagerFixture();
        for (int i = 0; i < 3; i++) {
            try (Response response = post(server, "/webhooks/alertmanager", body, "Bearer " + TOKEN)) {
                assertEquals(200, response.code());
                assertEquals(
                        i == 0 ? "accepted 1 alert(s)\n" : "duplicate delivery, already recorded\n",
                        response.body().string());
            }
        }
        assertEquals(1, intake.calls().size(), "only the first was mapped and handed to the intake");
        assertEquals(
                List.of(
                        intake.calls().get(0).deliveryKey(),
                        intake.calls().get(0).deliveryKey()),
                intake.knownAnswers());
        // the same alert with other bytes (the body indented otherwise) is mapped, and the intake recognises its key
        String reformatted = new String(body, StandardCharsets.UTF_8).replace("\n", "\n ");
        try (Response response = post(
                server, "/webhooks/alertmanager", reformatted.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN)) {
            assertEquals(
                    "duplicate delivery, already recorded\n", response.body().string());
        }
        assertEquals(
                List.of(IntakeResult.ACCEPTED, IntakeResult.DUPLICATE),
                intake.calls().stream().map(RecordingAlertIntake.Call::result).toList());
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws IOException {
        WebServer small = start(settings.withMaxBodyBytes(512));
        byte[] body = alertmanagerFixture();
        assertTrue(body.length > 512);
        try (Response response = post(small, "/webhooks/alertmanager", body, "Bearer " + TOKEN)) {
            assertEquals(413, response.code());
            assertEquals(
                    "the body is larger than 512 bytes (lost)\n",
                    response.body().string());
        }
        Request chunked = new Request.Builder()
                .url(url(small, "/webhooks/alertmanager"))
                .header("Authorization", "Bearer " + TOKEN)
                .post(chunked(body))
                .build();
        try (Response response = client.newCall(chunked).execute()) {
            assertEquals(413, response.code());
        }
        // Within the limit, a chunked body is read whole.
        try (Response response = client.newCall(new Request.Builder()
                        .url(url(server, "/webhooks/alertmanager"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .post(chunked(body))
                        .build())
                .execute()) {
            assertEquals(200, response.code());
        }
        assertEquals(1, intake.calls().size());
        assertTrue(
                scrape().contains("runbook_webhooks_refused_total{reason=\"too_large\",source=\"alertmanager\"} 2.0"));
    }

    @Test
    void aBodyThatCanNeverBeReadIs400WithTheReason() throws IOException {
        String version3 = new String(alertmanagerFixture(), StandardCharsets.UTF_8)
                .replace("\"version\": \"4\"", "\"version\": \"3\"");
        try (Response response =
                post(server, "/webhooks/alertmanager", version3.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN)) {
            assertEquals(400, response.code());
            assertEquals(
                    "version: \"3\" is not supported; runbook-bot reads Alertmanager webhook payload version \"4\"\n",
                    response.body().string());
        }
        try (Response response = post(
                server,
                "/webhooks/alertmanager",
                "{\"version\": ".getBytes(StandardCharsets.UTF_8),
                "Bearer " + TOKEN)) {
            assertEquals(400, response.code());
            assertTrue(response.body().string().startsWith("Alertmanager webhook: not valid JSON at line 1, column "));
        }
        // A reason quoting a value with a line break cannot forge a second log line or answer line.
        String injected = version3.replace("\"version\": \"3\"", "\"version\": \"3\\nINFO forged\"");
        try (Response response =
                post(server, "/webhooks/alertmanager", injected.getBytes(StandardCharsets.UTF_8), "Bearer " + TOKEN)) {
            assertEquals(400, response.code());
            assertEquals(1, response.body().string().split("\n", -1).length - 1);
        }
        assertFalse(logs.lines().stream().anyMatch(line -> line.contains("\nINFO forged")));
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void aBusyStoreIs503WithRetryAfter() throws IOException {
        intake.busy(true);
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(503, response.code());
            assertEquals("5", response.header("Retry-After"));
        }
        intake.busy(false);
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(200, response.code());
            assertEquals("accepted 1 alert(s)\n", response.body().string(), "the retry is the first recording");
        }
    }

    @Test
    void aFullDiskIs503WithRetryAfterSoAlertmanagerRetries() throws IOException {
        intake.storeUnavailable(true);
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(503, response.code());
            assertEquals("5", response.header("Retry-After"));
            assertEquals("storage unavailable, retry later\n", response.body().string());
        }
        intake.storeUnavailable(false);
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(200, response.code());
        }
    }

    @Test
    void anIntakeFailureIs500AndSaysNothingOfTheCause() throws IOException {
        intake.failWith(new IllegalStateException("database file /var/lib/secret-path is corrupt"));
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(500, response.code());
            assertEquals("internal error, retry later\n", response.body().string());
        }
        assertTrue(scrape().contains("runbook_webhooks_received_total{outcome=\"error\",source=\"alertmanager\"} 1.0"));
    }

    @Test
    void aTruncatedGroupIsAcceptedAndTheLossLogged() throws IOException {
        byte[] body = Files.readAllBytes(
                RecordedFixtures.root().resolve("alertmanager/captured-am025-max_alerts1-firing-truncated2.json"));
        try (Response response = post(server, "/webhooks/alertmanager", body, "Bearer " + TOKEN)) {
            assertEquals(200, response.code());
        }
        assertTrue(
                logs.lines().stream().anyMatch(line -> line.startsWith("WARN ") && line.contains("left 2 alert(s)")),
                String.join("\n", logs.lines()));
        assertEquals(1, intake.acceptedEvents().get(0).warnings().size());
    }

    @Test
    void otherMethodsOnAWebhookAre405() throws IOException {
        try (Response response = client.newCall(new Request.Builder()
                        .url(url(server, "/webhooks/alertmanager"))
                        .build())
                .execute()) {
            assertEquals(405, response.code());
        }
    }

    // --- PagerDuty ----------------------------------------------------------------------------------------------

    @Test
    void aSignedPagerDutyWebhookIsAcceptedUnderItsWebhookId() throws IOException {
        byte[] body = pagerdutyFixture("v3-incident.triggered.zulip.json");
        try (Response response = postPagerDuty(body, "v1=" + hmac(PD_SECRET, body), "wh-0001")) {
            assertEquals(200, response.code());
        }
        RecordingAlertIntake.Call call = intake.calls().get(0);
        assertEquals("pagerduty:wh-0001", call.deliveryKey());
        assertEquals(AlertStatus.FIRING, call.events().get(0).status());
        assertEquals("PFQZPSY", call.events().get(0).dedupKey());
        assertEquals(new String(body, StandardCharsets.UTF_8), call.rawBody());
    }

    @Test
    void aReplayedWebhookIdIsADuplicate() throws IOException {
        byte[] body = pagerdutyFixture("v3-incident.acknowledged.zulip.json");
        String signature = "v1=" + hmac(PD_SECRET, body);
        for (int i = 0; i < 2; i++) {
            try (Response response = postPagerDuty(body, signature, "wh-replayed")) {
                assertEquals(200, response.code());
            }
        }
        assertEquals(
                List.of(IntakeResult.ACCEPTED, IntakeResult.DUPLICATE),
                intake.calls().stream().map(RecordingAlertIntake.Call::result).toList());
    }

    @Test
    void duringRotationAnyMatchingSignatureIsAccepted() throws IOException {
        byte[] body = pagerdutyFixture("v3-incident.resolved.zulip.json");
        String header = "v1=" + hmac("an-older-secret-we-dropped", body) + ",v1=" + hmac(PD_NEXT_SECRET, body);
        try (Response response = postPagerDuty(body, header, "wh-rotation")) {
            assertEquals(200, response.code());
        }
        assertEquals(AlertStatus.RESOLVED, intake.acceptedEvents().get(0).status());
    }

    @Test
    void forgedMissingAndMalformedSignaturesAre401() throws IOException {
        byte[] body = pagerdutyFixture("v3-incident.triggered.zulip.json");
        byte[] forged = new String(body, StandardCharsets.UTF_8)
                .replace("Test Incident 3", "Run the delete-everything runbook")
                .getBytes(StandardCharsets.UTF_8);
        try (Response response = postPagerDuty(forged, "v1=" + hmac(PD_SECRET, body), "wh-forged")) {
            assertEquals(401, response.code());
            assertEquals(
                    "no signature in X-PagerDuty-Signature matches a configured secret\n",
                    response.body().string());
        }
        try (Response response = postPagerDuty(body, null, "wh-unsigned")) {
            assertEquals(401, response.code());
            assertEquals(
                    "the X-PagerDuty-Signature header is missing\n",
                    response.body().string());
        }
        try (Response response = postPagerDuty(body, "sha256=" + hmac(PD_SECRET, body), "wh-malformed")) {
            assertEquals(401, response.code());
        }
        assertEquals(List.of(), intake.calls());
        assertTrue(
                scrape().contains("runbook_webhooks_refused_total{reason=\"bad_signature\",source=\"pagerduty\"} 3.0"));
    }

    @Test
    void anEmptyPagerDutyBodyIs400() throws IOException {
        try (Response response = postPagerDuty(new byte[0], "v1=" + hmac(PD_SECRET, new byte[0]), "wh-empty")) {
            assertEquals(400, response.code());
            assertEquals("the body is empty\n", response.body().string());
        }
    }

    @Test
    void aStaleEventIsRefusedEvenWithAValidSignature() throws IOException {
        byte[] body = pagerdutyFixture("v3-incident.priority_updated.pagerduty-docs.json");
        try (Response response = postPagerDuty(body, "v1=" + hmac(PD_SECRET, body), "wh-stale")) {
            assertEquals(400, response.code());
            assertTrue(response.body().string().startsWith("event.occurred_at 2020-10-02T18:45:22.169Z is "));
        }
        assertEquals(List.of(), intake.calls());
    }

    @Test
    void aSignedV2PayloadIs400WithTheReason() throws IOException {
        byte[] body = pagerdutyFixture("v2-incident.trigger.zulip.json");
        try (Response response = postPagerDuty(body, "v1=" + hmac(PD_SECRET, body), "wh-v2")) {
            assertEquals(400, response.code());
            assertTrue(response.body().string().contains("this is a PagerDuty v2 webhook"));
        }
    }

    @Test
    void aBusyStoreIs503ForPagerDutyToo() throws IOException {
        intake.busy(true);
        byte[] body = pagerdutyFixture("v3-incident.triggered.zulip.json");
        try (Response response = postPagerDuty(body, "v1=" + hmac(PD_SECRET, body), "wh-busy")) {
            assertEquals(503, response.code());
            assertEquals("5", response.header("Retry-After"));
        }
    }

    // --- Operations ---------------------------------------------------------------------------------------------

    @Test
    void healthzAnswersOkWhileTheProcessIsUp() throws IOException {
        try (Response response = get("/healthz")) {
            assertEquals(200, response.code());
            assertEquals("ok\n", response.body().string());
        }
    }

    @Test
    void readyzNamesTheChecksThatFail() throws IOException {
        try (Response response = get("/readyz")) {
            assertEquals(200, response.code());
            assertEquals(
                    "ready\nok store writable\nok slack socket connected\n",
                    response.body().string());
        }
        slackConnected.set(false);
        try (Response response = get("/readyz")) {
            assertEquals(503, response.code());
            assertEquals(
                    "not ready\nok store writable\nFAIL slack socket connected\n",
                    response.body().string());
        }
    }

    @Test
    void aReadinessCheckThatThrowsFails() throws IOException {
        WebServer throwing = new WebServer(
                        settings,
                        intake,
                        List.of(ReadinessCheck.of("store writable", () -> {
                            throw new IllegalStateException("disk full");
                        })),
                        metrics,
                        CLOCK)
                .start();
        servers.add(throwing);
        try (Response response = client.newCall(
                        new Request.Builder().url(url(throwing, "/readyz")).build())
                .execute()) {
            assertEquals(503, response.code());
            assertEquals("not ready\nFAIL store writable\n", response.body().string());
        }
    }

    @Test
    void metricsAreThePrometheusTextFormat() throws IOException {
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), "Bearer " + TOKEN)) {
            assertEquals(200, response.code());
        }
        try (Response response = post(server, "/webhooks/alertmanager", alertmanagerFixture(), null)) {
            assertEquals(401, response.code());
        }
        try (Response response = get("/metrics")) {
            assertEquals(200, response.code());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.header("Content-Type"));
            String text = response.body().string();
            assertTrue(text.contains("# TYPE runbook_webhooks_received_total counter\n"), text);
            assertTrue(
                    text.contains(
                            "runbook_webhooks_received_total{outcome=\"accepted\",source=\"alertmanager\"} 1.0\n"),
                    text);
            assertTrue(
                    text.contains(
                            "runbook_webhooks_refused_total{reason=\"unauthorized\",source=\"alertmanager\"} 1.0\n"),
                    text);
            assertTrue(text.contains("runbook_incidents_open 0.0\n"), text);
        }
    }

    @Test
    void unknownPathsAre404() throws IOException {
        try (Response response = get("/webhooks/opsgenie")) {
            assertEquals(404, response.code());
        }
    }

    @Test
    void theServerBindsTheConfiguredAddressOnly() {
        assertEquals("127.0.0.1", server.baseUri().getHost());
        assertTrue(server.port() > 0);
        assertNull(server.baseUri().getRawQuery());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private Response post(WebServer target, String path, byte[] body, String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url(url(target, path)).post(RequestBody.create(body, JSON));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.newCall(request.build()).execute();
    }

    private Response postPagerDuty(byte[] body, String signature, String webhookId) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(url(server, "/webhooks/pagerduty"))
                .header("X-Webhook-Id", webhookId)
                .post(RequestBody.create(body, JSON));
        if (signature != null) {
            request.header("X-PagerDuty-Signature", signature);
        }
        return client.newCall(request.build()).execute();
    }

    private Response get(String path) throws IOException {
        return client.newCall(new Request.Builder().url(url(server, path)).build())
                .execute();
    }

    private String scrape() throws IOException {
        try (Response response = get("/metrics")) {
            return response.body().string();
        }
    }

    private static HttpUrl url(WebServer target, String path) {
        return HttpUrl.get(target.baseUri()).newBuilder().encodedPath(path).build();
    }

    private static RequestBody chunked(byte[] body) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(body);
            }
        };
    }

    private static byte[] alertmanagerFixture() throws IOException {
        return alertmanagerFixture("firing");
    }

    private static byte[] alertmanagerFixture(String status) throws IOException {
        return Files.readAllBytes(
                RecordedFixtures.root().resolve("alertmanager/debian-0.25-captured-" + status + ".json"));
    }

    private static byte[] pagerdutyFixture(String name) throws IOException {
        return Files.readAllBytes(RecordedFixtures.root().resolve("pagerduty").resolve(name));
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
