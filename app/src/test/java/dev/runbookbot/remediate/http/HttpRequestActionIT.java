package dev.runbookbot.remediate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code http_request} against okhttp's MockWebServer on 127.0.0.1: what is really sent, and what comes back. */
class HttpRequestActionIT {
    private static final String TOKEN = "tok-123+/=";
    private static OkHttpClient shared;

    private MockWebServer server;
    private HttpRequestActionExecutor executor;

    @BeforeAll
    static void sharedClient() {
        shared = new OkHttpClient();
    }

    @AfterAll
    static void closeClient() {
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        executor = new HttpRequestActionExecutor(
                shared, name -> name.equals("api-token") ? Optional.of(new Secret(name, TOKEN)) : Optional.empty());
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private static ActionRequest request(Map<String, Object> config, TemplateContext context) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(ActionType.HTTP_REQUEST, new StepConfig(config, "remediations[0].action.config")),
                context,
                "prod",
                Duration.ofSeconds(10),
                "incident-42/purge-cache/1");
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private Map<String, Object> authorizedPost(String path) {
        return map(
                "method",
                "POST",
                "url",
                base() + path,
                "headers",
                map("Authorization", map("secret", "api-token", "prefix", "Bearer ")));
    }

    @Test
    void requestIsSentExactlyWithHostileValuesKeptAsData() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"ok\":true}"));
        String service = "a/../b?x=1#frag";
        String summary = "He said \"stop\"\n\\ & <b>";
        Map<String, Object> config = map(
                "method",
                "POST",
                "url",
                base() + "/v1/services/{{ labels.service }}/restart?reason={{ annotations.summary }}",
                "headers",
                map(
                        "Authorization",
                        map("secret", "api-token", "prefix", "Bearer "),
                        "X-Alert",
                        "{{ labels.alertname }}"),
                "body",
                map(
                        "service", "{{ labels.service }}",
                        "note", "{{ annotations.summary }}",
                        "replicas", "{{ params.replicas }}",
                        "tags", List.of("static", "{{ labels.alertname }}")));
        TemplateContext alert = new TemplateContext(
                Map.of("replicas", 3L),
                Map.of("service", service, "alertname", "HighLatency"),
                Map.of("summary", summary));

        ActionOutcome outcome = executor.execute(request(config, alert));

        assertEquals(new ActionOutcome.Completed("HTTP 200 OK\n{\"ok\":true}"), outcome);
        RecordedRequest sent = server.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(sent);
        assertEquals("POST", sent.getMethod());
        assertEquals(
                List.of("v1", "services", service, "restart"),
                sent.getRequestUrl().pathSegments());
        assertEquals(summary, sent.getRequestUrl().queryParameter("reason"));
        assertTrue(sent.getPath().startsWith("/v1/services/a%2F..%2Fb%3Fx%3D1%23frag/restart?reason="), sent.getPath());
        assertEquals("Bearer " + TOKEN, sent.getHeader("Authorization"));
        assertEquals("HighLatency", sent.getHeader("X-Alert"));
        assertEquals("incident-42/purge-cache/1", sent.getHeader("Idempotency-Key"));
        assertEquals("application/json; charset=utf-8", sent.getHeader("Content-Type"));
        assertEquals("runbook-bot", sent.getHeader("User-Agent"));
        String body = sent.getBody().readUtf8();
        assertEquals(
                "{\"service\":\"a/../b?x=1#frag\",\"note\":\"He said \\\"stop\\\"\\n\\\\ & <b>\",\"replicas\":3,"
                        + "\"tags\":[\"static\",\"HighLatency\"]}",
                body);
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals(summary, json.get("note").asText());
        assertEquals(3, json.get("replicas").asInt());
        assertEquals(4, json.size());
    }

    @Test
    void secretEchoedInTheResponseIsMaskedInTheOutcome() {
        server.enqueue(new MockResponse()
                .setBody("{\"seen\":\"Authorization: Bearer " + TOKEN + "\",\"t\":\"" + TOKEN + "\"}"));

        ActionOutcome outcome = executor.execute(request(authorizedPost("/v1/echo"), TemplateContext.empty()));

        assertEquals(
                new ActionOutcome.Completed("HTTP 200 OK\n{\"seen\":\"Authorization: Bearer <secret:api-token>\","
                        + "\"t\":\"<secret:api-token>\"}"),
                outcome);
    }

    @Test
    void serverErrorFailsWithStatusAndACappedMaskedExcerpt() {
        String body = TOKEN + " " + "x".repeat(100_000);
        server.enqueue(new MockResponse().setResponseCode(503).setBody(body));

        ActionOutcome outcome =
                executor.execute(request(authorizedPost("/v1/purge?api_key=abc"), TemplateContext.empty()));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        String excerpt = "<secret:api-token> " + "x".repeat(HttpRequestActionExecutor.REASON_EXCERPT_CHARS - 19);
        assertEquals(
                "HTTP 503 Server Error from POST " + base() + "/v1/purge (expected 2xx): " + excerpt + "…",
                failed.reason());
        String shown =
                ("<secret:api-token> " + "x".repeat(100_000)).substring(0, HttpRequestActionExecutor.BODY_OUTPUT_CHARS);
        assertEquals("HTTP 503 Server Error\n" + shown + "\n… (response body truncated)", failed.output());
        assertFalse(failed.output().contains(TOKEN));
        assertFalse(failed.reason().contains("api_key=abc"));
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutFailure() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        Map<String, Object> config = authorizedPost("/v1/slow");
        config.put("timeout", "300ms");

        ActionOutcome outcome = executor.execute(request(config, TemplateContext.empty()));

        assertEquals(
                new ActionOutcome.Failed(
                        "no complete response to POST " + base() + "/v1/slow within 300ms; the request may or may not"
                                + " have been applied",
                        ""),
                outcome);
    }

    @Test
    void redirectsAreNotFollowed() {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", base() + "/elsewhere"));

        ActionOutcome outcome = executor.execute(request(authorizedPost("/v1/moved"), TemplateContext.empty()));

        assertEquals(
                new ActionOutcome.Failed(
                        "HTTP 302 Redirection from POST " + base() + "/v1/moved (expected 2xx); redirects are not"
                                + " followed (Location: " + base() + "/elsewhere)",
                        "HTTP 302 Redirection"),
                outcome);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void headerInjectionFromAlertDataIsRefusedBeforeSending() {
        Map<String, Object> config =
                map("method", "POST", "url", base() + "/v1/x", "headers", map("X-Service", "{{ labels.service }}"));
        TemplateContext hostile =
                new TemplateContext(Map.of(), Map.of("service", "api\r\nAuthorization: Bearer stolen"), Map.of());

        ActionOutcome outcome = executor.execute(request(config, hostile));

        assertEquals(
                new ActionOutcome.Failed(
                        "header X-Service {{ labels.service }} rendered to a value that contains a line break (CR or"
                                + " LF), which would split the request; refused",
                        ""),
                outcome);
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void expectedStatusDecidesAndDeleteSendsNoBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("gone already"));
        Map<String, Object> config = map(
                "method", "DELETE", "url", base() + "/v1/locks/{{ labels.lock }}", "expect_status", List.of(204, 404));

        ActionOutcome outcome =
                executor.execute(request(config, new TemplateContext(Map.of(), Map.of("lock", "payments"), Map.of())));

        assertEquals(new ActionOutcome.Completed("HTTP 404 Client Error\ngone already"), outcome);
        RecordedRequest sent = server.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(sent);
        assertEquals("DELETE", sent.getMethod());
        assertEquals("/v1/locks/payments", sent.getPath());
        assertEquals(0, sent.getBodySize());
    }

    @Test
    void textBodyIsSentAsTextWithItsContentType() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(202));
        Map<String, Object> config = map(
                "method",
                "PUT",
                "url",
                base() + "/v1/notes",
                "headers",
                map("Content-Type", "text/markdown; charset=utf-8"),
                "body",
                "Incident for {{ labels.service }}\nplease check");

        ActionOutcome outcome = executor.execute(
                request(config, new TemplateContext(Map.of(), Map.of("service", "payments"), Map.of())));

        assertEquals(new ActionOutcome.Completed("HTTP 202 OK"), outcome);
        RecordedRequest sent = server.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(sent);
        assertEquals("text/markdown; charset=utf-8", sent.getHeader("Content-Type"));
        assertEquals("Incident for payments\nplease check", sent.getBody().readUtf8());
    }

    @Test
    void missingSecretSendsNothing() {
        Map<String, Object> config = map(
                "method",
                "POST",
                "url",
                base() + "/v1/x",
                "headers",
                map("Authorization", map("secret", "other-token")));

        ActionOutcome outcome = executor.execute(request(config, TemplateContext.empty()));

        assertEquals(
                new ActionOutcome.Failed(
                        "the secret 'other-token' for header Authorization is not set (runbookctl secret set"
                                + " other-token); nothing was sent",
                        ""),
                outcome);
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void refusedConnectionSaysNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = map("method", "POST", "url", "http://127.0.0.1:" + closedPort + "/v1/x");

        ActionOutcome outcome = executor.execute(request(config, TemplateContext.empty()));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason()
                        .startsWith("cannot connect to 127.0.0.1:" + closedPort + " for POST http://127.0.0.1:"
                                + closedPort + "/v1/x: "),
                failed.reason());
        assertTrue(failed.reason().endsWith("; nothing was sent"), failed.reason());
    }
}
