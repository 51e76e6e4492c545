package dev.runbookbot.remediate.escalate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code escalate} action against MockWebServer standing in for PagerDuty's Events API. */
class EscalateActionExecutorTest {
    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer server;
    private EscalateActionExecutor executor;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        executor = new EscalateActionExecutor(
                new OkHttpClient(),
                PagerDutyEventsSettings.of("pd-default")
                        .withBaseUrl(URI.create(server.url("/").toString()))
                        .withRetries(1, Duration.ZERO),
                name -> Optional.of(new Secret(name, "key-of-" + name)));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void itPagesWithTheRunsIdempotencyKeyAndTheRenderedSummary() throws Exception {
        server.enqueue(new MockResponse()
                .setResponseCode(202)
                .setBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"INC-3/page/1\"}"));

        ActionOutcome outcome = executor.execute(request(Map.of(
                "severity", "error",
                "summary", "payments down on {{ labels.instance }}",
                "routingKeySecret", "pd-payments")));

        assertEquals(new ActionOutcome.Completed("PagerDuty accepted the event, dedup_key INC-3/page/1"), outcome);
        JsonNode sent =
                json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertEquals("key-of-pd-payments", sent.path("routing_key").asText());
        assertEquals("INC-3/page/1", sent.path("dedup_key").asText());
        assertEquals("error", sent.path("payload").path("severity").asText());
        assertEquals(
                "payments down on pay-1; rm -rf /",
                sent.path("payload").path("summary").asText());
    }

    @Test
    void theDefaultsAreCriticalTheBotsRoutingKeyAndASummaryNamingTheStep() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(202).setBody("{}"));

        executor.execute(request(Map.of()));

        JsonNode sent =
                json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertEquals("key-of-pd-default", sent.path("routing_key").asText());
        assertEquals("critical", sent.path("payload").path("severity").asText());
        assertEquals(
                "page: escalation requested by runbook-bot in prod",
                sent.path("payload").path("summary").asText());
    }

    @Test
    void aRefusalIsAFailedOutcome() {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"status\":\"invalid event\"}"));

        ActionOutcome outcome = executor.execute(request(Map.of()));

        assertEquals(
                "PagerDuty refused the event as invalid: HTTP 400 from PagerDuty: {\"status\":\"invalid event\"}",
                assertInstanceOf(ActionOutcome.Failed.class, outcome).reason());
    }

    @Test
    void thePreviewShowsTheSecretByNameOnly() throws Exception {
        ActionPreview preview = executor.preview(request(Map.of("routingKeySecret", "pd-payments")));

        assertEquals("PagerDuty (routing key pd-payments)", preview.target());
        assertEquals(
                List.of(
                        "POST " + server.url("/v2/enqueue"),
                        "routing_key: <secret:pd-payments>",
                        "event_action: trigger, dedup_key: INC-3/page/1, severity: critical",
                        "summary: page: escalation requested by runbook-bot in prod"),
                preview.lines());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void badConfigIsReportedWithItsPath() {
        List<ConfigProblem> problems = executor.validate(new StepConfig(
                Map.of("severity", "sev1", "routingKeySecret", "{{ labels.key }}", "colour", "red"),
                "remediations[0].action.config"));

        assertEquals(
                List.of(
                        "remediations[0].action.config.colour: unknown key 'colour'; escalate takes component,"
                                + " routingKeySecret, severity, summary",
                        "remediations[0].action.config.severity: severity 'sev1' is not one of critical, error,"
                                + " warning, info",
                        "remediations[0].action.config.routingKeySecret: a secret name is written out, never"
                                + " templated"),
                problems.stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    private static ActionRequest request(Map<String, Object> config) {
        return new ActionRequest(
                "page",
                new ActionSpec(ActionType.ESCALATE, new StepConfig(config, "remediations[0].action.config")),
                new TemplateContext(Map.of(), Map.of("instance", "pay-1; rm -rf /"), Map.of()),
                "prod",
                Duration.ofSeconds(30),
                "INC-3/page/1");
    }
}
