package dev.runbookbot.remediate.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.testing.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The silence Alertmanager receives, computed from the alert and the config, and every misuse refused by name. */
class SilenceActionExecutorTest {
    private static final Map<String, String> LABELS =
            Map.of("alertname", "TargetDown", "job", "checkout", "namespace", "shop", "severity", "warning");

    private final ManualClock clock = ManualClock.at("2026-12-05T14:00:00Z");
    private final OkHttpClient client = new OkHttpClient();
    private final SilenceActionExecutor executor = new SilenceActionExecutor(client, clock);
    private final MockWebServer alertmanager = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        alertmanager.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        alertmanager.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private Map<String, Object> config(Object matchers) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("alertmanager", alertmanager.url("/").toString());
        values.put("duration", "2h");
        if (matchers != null) {
            values.put("matchers", matchers);
        }
        values.put("comment", "{{ params.service }} is scaled to zero on purpose");
        return values;
    }

    private static ActionRequest request(Map<String, Object> config, Map<String, String> labels) {
        return new ActionRequest(
                "silence_target",
                new ActionSpec(ActionType.SILENCE, new StepConfig(config, "remediations[0].action.config")),
                new TemplateContext(Map.of("service", "checkout"), labels, Map.of()),
                "production",
                Duration.ofSeconds(5),
                "run-7");
    }

    @Test
    void postsExactMatchersFromTheAlertWithComputedTimesAndRecordsTheSilenceId() throws Exception {
        alertmanager.enqueue(new MockResponse().setBody("{\"silenceID\":\"4f1c2d3e-aaaa-bbbb-cccc-0123456789ab\"}"));

        ActionOutcome outcome = executor.execute(request(config(List.of("alertname", "job")), LABELS));

        ActionOutcome.Completed done = assertInstanceOf(ActionOutcome.Completed.class, outcome);
        assertEquals(
                "silence 4f1c2d3e-aaaa-bbbb-cccc-0123456789ab until 2026-12-05T16:00:00Z, matching"
                        + " {alertname=\"TargetDown\", job=\"checkout\"}",
                done.output());
        RecordedRequest sent = alertmanager.takeRequest();
        assertEquals("POST /api/v2/silences", sent.getMethod() + " " + sent.getPath());
        JsonNode body = new ObjectMapper().readTree(sent.getBody().readUtf8());
        assertEquals(new ObjectMapper().readTree("""
                                {"matchers": [
                                   {"name": "alertname", "value": "TargetDown", "isRegex": false, "isEqual": true},
                                   {"name": "job", "value": "checkout", "isRegex": false, "isEqual": true}],
                                 "startsAt": "2026-12-05T14:00:00Z",
                                 "endsAt": "2026-12-05T16:00:00Z",
                                 "createdBy": "runbook-bot",
                                 "comment": "checkout is scaled to zero on purpose (runbook-bot, remediation silence_target, run run-7)"}
                                """), body);
    }

    @Test
    void withoutMatchersEveryLabelOfTheAlertIsMatched() throws Exception {
        alertmanager.enqueue(new MockResponse().setBody("{\"silenceID\":\"s1\"}"));

        executor.execute(request(config(null), LABELS));

        JsonNode body =
                new ObjectMapper().readTree(alertmanager.takeRequest().getBody().readUtf8());
        assertEquals(4, body.get("matchers").size());
        assertEquals("alertname", body.get("matchers").get(0).get("name").asText());
        assertEquals("severity", body.get("matchers").get(3).get("name").asText());
    }

    @Test
    void aManualRunOrAMissingLabelSendsNothing() {
        ActionOutcome manual = executor.execute(request(config(null), Map.of()));
        ActionOutcome missing = executor.execute(request(config(List.of("alertname", "pod")), LABELS));

        assertEquals(
                "the incident has no alert labels to match (a manual run); a silence needs the alert it silences,"
                        + " so nothing was sent",
                assertInstanceOf(ActionOutcome.Failed.class, manual).reason());
        assertEquals(
                "the alert has no label 'pod' to match; nothing was sent",
                assertInstanceOf(ActionOutcome.Failed.class, missing).reason());
        assertEquals(0, alertmanager.getRequestCount());
    }

    @Test
    void anAlertmanagerRefusalIsAFailureWithItsAnswer() {
        alertmanager.enqueue(new MockResponse().setResponseCode(400).setBody("\"start time must be before end\""));

        ActionOutcome outcome = executor.execute(request(config(null), LABELS));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("HTTP 400 from POST " + alertmanager.url("/api/v2/silences")),
                failed.reason());
        assertTrue(failed.reason().endsWith("\"start time must be before end\""), failed.reason());
    }

    @Test
    void theConfigIsCheckedWhereItIsLoaded() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("alertmanager", "http://{{ labels.instance }}:9093");
        bad.put("duration", "90d");
        bad.put("matchers", List.of("app.kubernetes.io/name"));
        bad.put("silence", "x");
        List<ConfigProblem> problems = executor.validate(new StepConfig(bad, "c"));

        assertEquals(
                List.of(
                        "c.silence: unknown key 'silence' for silence; known keys: alertmanager, comment, duration,"
                                + " matchers",
                        "c.alertmanager: alertmanager is written literally; alert data must never choose where a"
                                + " silence is sent",
                        "c.duration: duration must be from 1m to 30d, found PT2160H",
                        "c.matchers[0]: 'app.kubernetes.io/name' is not a label name; a matcher names a label of the"
                                + " alert, whose value the silence matches exactly",
                        "c.comment: silence needs 'comment', why the alert is silenced (Alertmanager requires one)"),
                problems.stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    @Test
    void thePreviewShowsWhatWouldBeSilencedAndUntilWhen() throws Exception {
        var preview = executor.preview(request(config(List.of("alertname")), LABELS));

        assertEquals("silence {alertname=\"TargetDown\"}", preview.target());
        assertEquals(
                List.of(
                        "POST " + alertmanager.url("/api/v2/silences"),
                        "matchers: {alertname=\"TargetDown\"}",
                        "from 2026-12-05T14:00:00Z until 2026-12-05T16:00:00Z",
                        "comment: checkout is scaled to zero on purpose (runbook-bot, remediation silence_target, run"
                                + " run-7)"),
                preview.lines());
        assertEquals(0, alertmanager.getRequestCount(), "a preview sends nothing");
    }
}
