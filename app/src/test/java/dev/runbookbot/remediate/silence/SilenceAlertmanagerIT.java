package dev.runbookbot.remediate.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.testing.AlertmanagerServer;
import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The silence action against a real Alertmanager (the Debian package, started by {@link AlertmanagerServer}): the
 * silence it creates is active with the alert's labels as exact matchers, ends when the action computed (now plus the
 * configured duration), says why and which run made it, and silences the firing alert it was made for.
 */
class SilenceAlertmanagerIT {
    private static final Map<String, String> LABELS = Map.of("alertname", "TargetDown", "job", "checkout");

    private final OkHttpClient client = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private AlertmanagerServer alertmanager;

    @BeforeEach
    void start() throws IOException {
        // The receiver is never reached in this test; loopback only.
        alertmanager = AlertmanagerServer.withBearerToken(URI.create("http://127.0.0.1:9/unused"), "unused");
    }

    @AfterEach
    void stop() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void theSilenceIsActiveMatchesTheAlertAndSilencesIt() throws Exception {
        alertmanager.postAlerts(
                "[{\"labels\": {\"alertname\": \"TargetDown\", \"job\": \"checkout\", \"severity\": \"warning\"}}]");
        SilenceActionExecutor executor = new SilenceActionExecutor(client, Clock.systemUTC());
        ActionRequest request = new ActionRequest(
                "silence_target",
                new ActionSpec(
                        ActionType.SILENCE,
                        new StepConfig(
                                Map.of(
                                        "alertmanager",
                                        alertmanager.baseUrl().toString(),
                                        "duration",
                                        "2h",
                                        "matchers",
                                        List.of("alertname", "job"),
                                        "comment",
                                        "{{ labels.job }} is scaled to zero on purpose"),
                                "config")),
                new TemplateContext(Map.of(), LABELS, Map.of()),
                "production",
                Duration.ofSeconds(10),
                "run-1");

        ActionOutcome outcome = executor.execute(request);

        String output = assertInstanceOf(ActionOutcome.Completed.class, outcome, outcome.toString())
                .output();
        String id = output.substring("silence ".length(), output.indexOf(' ', "silence ".length()));
        JsonNode silence = get("/api/v2/silence/" + id);
        assertEquals("active", silence.path("status").path("state").asText());
        assertEquals("runbook-bot", silence.path("createdBy").asText());
        assertEquals(
                "checkout is scaled to zero on purpose (runbook-bot, remediation silence_target, run run-1)",
                silence.path("comment").asText());
        // Alertmanager moves a startsAt already past to its own now; endsAt stays what the action computed.
        Instant until = Instant.parse(output.substring(output.indexOf(" until ") + 7, output.indexOf(", matching")));
        assertEquals(until, Instant.parse(silence.path("endsAt").asText()));
        assertEquals(2, silence.path("matchers").size());
        for (JsonNode matcher : silence.path("matchers")) {
            assertEquals(
                    LABELS.get(matcher.path("name").asText()),
                    matcher.path("value").asText());
            assertEquals(false, matcher.path("isRegex").asBoolean());
        }
        JsonNode silenced = Poll.until("the alert silenced by " + id, Duration.ofSeconds(30), () -> {
            JsonNode alerts = get("/api/v2/alerts");
            for (JsonNode alert : alerts) {
                for (JsonNode by : alert.path("status").path("silencedBy")) {
                    if (by.asText().equals(id)) {
                        return Optional.of(alert);
                    }
                }
            }
            return Optional.empty();
        });
        assertEquals("suppressed", silenced.path("status").path("state").asText());
    }

    private JsonNode get(String path) {
        Request request = new Request.Builder()
                .url(alertmanager.baseUrl().resolve(path).toString())
                .build();
        try (Response response = client.newCall(request).execute()) {
            return json.readTree(response.body().string());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
