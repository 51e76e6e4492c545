package dev.runbookbot.diagnose.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code prometheus_targets} over a targets API answer captured from Debian's Prometheus 2.42 on loopback (job
 * checkout: one target refusing connections, one answering 404; job self: up), and over what a Prometheus may send
 * instead.
 */
class TargetsExecutorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, Object> PATTERNS =
            Map.of("refused", "connection refused", "not_found", "(404|server returned HTTP status 4)", "tls", "x509");

    private final OkHttpClient client = new OkHttpClient();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private TargetsExecutor executor() {
        return new TargetsExecutor(
                () -> client,
                Optional.of(new PrometheusSettings(
                        server.url("/").uri(), Optional.empty(), Optional.empty(), Optional.empty())),
                name -> Optional.empty());
    }

    private Outcome run(String job) {
        server.enqueue(new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(RecordedFixtures.read(
                        RecordedFixtures.files("prometheus-targets").get(0))));
        return executor()
                .execute(DiagnosticRequests.request(
                        DiagnosticType.PROMETHEUS_TARGETS,
                        Map.of("job", "{{ params.job }}", "patterns", new java.util.TreeMap<>(PATTERNS)),
                        new TemplateContext(Map.of("job", job), Map.of(), Map.of()),
                        TIMEOUT));
    }

    @Test
    void theFailingTargetsOfTheJobAreReadWithTheirErrorsAndThePatternsFoundInThem() throws InterruptedException {
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, run("checkout"));

        RecordedRequest request = server.takeRequest();
        assertEquals("GET", request.getMethod());
        assertEquals("/api/v1/targets?state=active", request.getPath());
        assertEquals(2L, o.facts().get("count"));
        assertEquals(0L, o.facts().get("up_count"));
        assertEquals(2L, o.facts().get("down_count"));
        assertEquals(
                List.of(
                        "Get \"http://127.0.0.1:19417/metrics\": dial tcp 127.0.0.1:19417: connect: connection refused",
                        "server returned HTTP status 404 File not found"),
                o.facts().get("errors"));
        assertEquals(List.of("not_found", "refused"), o.facts().get("matched"), "in config order");
        assertEquals(
                Map.of("not_found", 1L, "refused", 1L, "tls", 0L), o.facts().get("match_counts"));
        assertEquals("2 of 2 targets of job checkout down (not_found, refused)", o.evidence());
        assertEquals(
                Map.of(
                        "instance", "127.0.0.1:19418",
                        "health", "down",
                        "last_error", "server returned HTTP status 404 File not found",
                        "scrape_url", "http://127.0.0.1:19418/metrics"),
                ((List<?>) o.facts().get("targets")).get(1));
    }

    @Test
    void aJobWhoseTargetsAreUpAndAJobPrometheusDoesNotScrapeAreReadings() {
        Outcome.Observed self = assertInstanceOf(Outcome.Observed.class, run("self"));
        assertEquals(1L, self.facts().get("count"));
        assertEquals(0L, self.facts().get("down_count"));
        assertEquals(List.of(), self.facts().get("errors"));

        Outcome.Observed none = assertInstanceOf(Outcome.Observed.class, run("checkout\" or 1==1"));
        assertEquals(0L, none.facts().get("count"), "the job is compared as a value, never interpreted");
        assertEquals("prometheus scrapes no target of job checkout\" or 1==1", none.evidence());
    }

    @Test
    void anAnswerThatIsNotTheTargetsApiIsAnError() {
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
        Outcome.Failed failed = assertInstanceOf(
                Outcome.Failed.class,
                executor()
                        .execute(DiagnosticRequests.request(
                                DiagnosticType.PROMETHEUS_TARGETS, Map.of("job", "checkout"), TIMEOUT)));
        assertEquals(FailureKind.BAD_RESPONSE, failed.kind());
        assertTrue(
                failed.reason().contains("answered its targets API with HTTP 502: <html>bad gateway</html>"),
                failed.reason());
    }

    @Test
    void theConfigRefusesWhatAlertDataMustNotChoose() {
        List<ConfigProblem> problems = executor()
                .validate(DiagnosticRequests.config(Map.of(
                        "url", "http://{{ labels.host }}:9090",
                        "patterns", Map.of("bad", "{{ labels.x }}"),
                        "jobb", "checkout")));
        assertEquals(
                List.of(
                        "diagnostics[0].config.jobb",
                        "diagnostics[0].config.job",
                        "diagnostics[0].config.patterns.bad",
                        "diagnostics[0].config.url"),
                problems.stream().map(ConfigProblem::path).toList(),
                problems.toString());
    }
}
