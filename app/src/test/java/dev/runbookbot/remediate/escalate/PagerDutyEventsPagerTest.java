package dev.runbookbot.remediate.escalate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.remediate.Page;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging through the Events API v2, against MockWebServer standing in for events.pagerduty.com. */
class PagerDutyEventsPagerTest {
    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
    private static final Page PAGE = new Page(
            "INC-7",
            "INC-7: payments DB connections at 75%",
            Severity.P1,
            "payments",
            Optional.of("https://slack.example/archives/C1/p1700000000000100"),
            Map.of("runbook", "payments-slow", "why", "nobody acknowledged it within 20 minutes"));

    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void aPageIsATriggerEventWithTheIncidentIdAsDedupKey() throws Exception {
        server.enqueue(accepted("INC-7"));

        PageResult result = pager(1).page(PAGE);

        assertEquals(new PageResult.Paged("PagerDuty accepted the event, dedup_key INC-7"), result);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/v2/enqueue", request.getPath());
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
        JsonNode sent = json.readTree(request.getBody().readUtf8());
        assertEquals(ROUTING_KEY, sent.path("routing_key").asText());
        assertEquals("trigger", sent.path("event_action").asText());
        assertEquals("INC-7", sent.path("dedup_key").asText());
        assertEquals(
                "INC-7: payments DB connections at 75%",
                sent.path("payload").path("summary").asText());
        assertEquals("critical", sent.path("payload").path("severity").asText());
        assertEquals("runbook-bot", sent.path("payload").path("source").asText());
        assertEquals("payments", sent.path("payload").path("component").asText());
        assertEquals(
                "payments-slow",
                sent.path("payload").path("custom_details").path("runbook").asText());
        assertEquals(
                "https://slack.example/archives/C1/p1700000000000100",
                sent.path("links").get(0).path("href").asText());
    }

    @Test
    void severitiesFollowTheRunbooksPriority() {
        assertEquals("critical", PagerDutyEventsPager.severity(Severity.P1));
        assertEquals("error", PagerDutyEventsPager.severity(Severity.P2));
        assertEquals("warning", PagerDutyEventsPager.severity(Severity.P3));
        assertEquals("info", PagerDutyEventsPager.severity(Severity.P4));
    }

    @Test
    void aRateLimitAndAServerErrorAreRetriedWithTheSameDedupKey() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        server.enqueue(accepted("INC-7"));

        PageResult result = pager(3).page(PAGE);

        assertInstanceOf(PageResult.Paged.class, result);
        assertEquals(3, server.getRequestCount());
        for (int i = 0; i < 3; i++) {
            JsonNode sent = json.readTree(
                    server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
            assertEquals("INC-7", sent.path("dedup_key").asText(), "a retry joins the first event");
        }
    }

    @Test
    void anInvalidEventIsNotRetriedAndPagerDutysReasonIsKept() {
        server.enqueue(new MockResponse()
                .setResponseCode(400)
                .setBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                        + "[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}"));

        PageResult result = pager(3).page(PAGE);

        assertEquals(
                new PageResult.Failed("PagerDuty refused the event as invalid: HTTP 400 from PagerDuty:"
                        + " {\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length"
                        + " of 'routing_key' is incorrect (should be 32 characters)\"]}"),
                result);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void giveUpAfterTheLastAttemptAndSayWhatEachOneGot() {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

        PageResult result = pager(2).page(PAGE);

        PageResult.Failed failed = assertInstanceOf(PageResult.Failed.class, result);
        assertTrue(
                failed.reason()
                        .startsWith("PagerDuty did not accept the event after 2 attempt(s): HTTP 500 from"
                                + " PagerDuty; cannot reach "),
                failed.reason());
    }

    @Test
    void theRoutingKeyNeverAppearsInAResultEvenWhenEchoed() {
        server.enqueue(new MockResponse().setResponseCode(403).setBody("routing key " + ROUTING_KEY + " is disabled"));

        PageResult result = pager(1).page(PAGE);

        assertFalse(result.describe().contains(ROUTING_KEY), result.describe());
        assertEquals(
                "HTTP 403 from PagerDuty: routing key <secret:pd-routing-key> is disabled; not retried",
                result.describe());
    }

    @Test
    void aMissingRoutingKeySendsNothing() {
        PagerDutyEventsPager pager = new PagerDutyEventsPager(new OkHttpClient(), settings(1), SecretResolver.none());

        PageResult result = pager.page(PAGE);

        assertEquals(
                new PageResult.Failed("the PagerDuty routing key secret 'pd-routing-key' is not set (runbookctl secret"
                        + " set pd-routing-key); nothing was sent"),
                result);
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", server.url("/elsewhere")));

        PageResult result = pager(1).page(PAGE);

        assertEquals(new PageResult.Failed("HTTP 307 from PagerDuty; not retried"), result);
        assertEquals(1, server.getRequestCount());
        assertNull(server.takeRequest(100, TimeUnit.MILLISECONDS).getHeader("Authorization"));
    }

    private PagerDutyEventsPager pager(int attempts) {
        return new PagerDutyEventsPager(new OkHttpClient(), settings(attempts), this::secret);
    }

    private PagerDutyEventsSettings settings(int attempts) {
        return PagerDutyEventsSettings.of("pd-routing-key")
                .withBaseUrl(URI.create(server.url("/").toString()))
                .withRetries(attempts, Duration.ZERO);
    }

    private Optional<Secret> secret(String name) {
        return name.equals("pd-routing-key") ? Optional.of(new Secret(name, ROUTING_KEY)) : Optional.empty();
    }

    private static MockResponse accepted(String dedupKey) {
        return new MockResponse()
                .setResponseCode(202)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}");
    }
}
